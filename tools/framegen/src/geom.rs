//! 3x3 homographies (card millimetres -> frame pixels).

use crate::dmath;

/// Row-major 3x3 matrix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mat3(pub [[f64; 3]; 3]);

impl Mat3 {
    /// Identity.
    pub const IDENTITY: Mat3 = Mat3([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);

    /// Matrix product `self * o`.
    pub fn mul(&self, o: &Mat3) -> Mat3 {
        let mut r = [[0.0; 3]; 3];
        for (i, row) in r.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell =
                    self.0[i][0] * o.0[0][j] + self.0[i][1] * o.0[1][j] + self.0[i][2] * o.0[2][j];
            }
        }
        Mat3(r)
    }

    /// Translation by (dx, dy).
    pub fn translate(dx: f64, dy: f64) -> Mat3 {
        Mat3([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])
    }

    /// Uniform scale.
    pub fn scale(s: f64) -> Mat3 {
        Mat3([[s, 0.0, 0.0], [0.0, s, 0.0], [0.0, 0.0, 1.0]])
    }

    /// In-plane rotation by `deg` degrees (clockwise on screen, y down).
    pub fn rotate(deg: f64) -> Mat3 {
        let (s, c) = dmath::sin_cos(dmath::rad(deg));
        Mat3([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    }

    /// Applies the projective map to a point.
    #[inline]
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let m = &self.0;
        let w = m[2][0] * x + m[2][1] * y + m[2][2];
        (
            (m[0][0] * x + m[0][1] * y + m[0][2]) / w,
            (m[1][0] * x + m[1][1] * y + m[1][2]) / w,
        )
    }

    /// Inverse via the adjugate.
    pub fn inverse(&self) -> Mat3 {
        let m = &self.0;
        let c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
        let c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
        let c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
        let det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
        let inv = 1.0 / det;
        Mat3([
            [
                c00 * inv,
                (m[0][2] * m[2][1] - m[0][1] * m[2][2]) * inv,
                (m[0][1] * m[1][2] - m[0][2] * m[1][1]) * inv,
            ],
            [
                c01 * inv,
                (m[0][0] * m[2][2] - m[0][2] * m[2][0]) * inv,
                (m[0][2] * m[1][0] - m[0][0] * m[1][2]) * inv,
            ],
            [
                c02 * inv,
                (m[0][1] * m[2][0] - m[0][0] * m[2][1]) * inv,
                (m[0][0] * m[1][1] - m[0][1] * m[1][0]) * inv,
            ],
        ])
    }

    /// Local linear scale (sqrt of |det J|) of the map at (x, y): frame
    /// pixels per source unit, geometric mean over directions.
    pub fn local_scale(&self, x: f64, y: f64) -> f64 {
        let m = &self.0;
        let w = m[2][0] * x + m[2][1] * y + m[2][2];
        let a = m[0][0] * x + m[0][1] * y + m[0][2];
        let b = m[1][0] * x + m[1][1] * y + m[1][2];
        let j00 = (m[0][0] * w - a * m[2][0]) / (w * w);
        let j01 = (m[0][1] * w - a * m[2][1]) / (w * w);
        let j10 = (m[1][0] * w - b * m[2][0]) / (w * w);
        let j11 = (m[1][1] * w - b * m[2][1]) / (w * w);
        (j00 * j11 - j01 * j10).abs().sqrt()
    }
}

/// Pinhole-camera homography for a planar card of size `w` x `h` (mm,
/// origin top-left) rotated in plane by `angle_deg`, tilted by `tilt_x_deg`
/// (about the card's horizontal axis) and `tilt_y_deg`, at distance
/// `dist` mm from a camera of focal length `focal` px. The card centre maps
/// to the image origin.
pub fn camera_homography(
    w: f64,
    h: f64,
    angle_deg: f64,
    tilt_x_deg: f64,
    tilt_y_deg: f64,
    dist: f64,
    focal: f64,
) -> Mat3 {
    let (sa, ca) = dmath::sin_cos(dmath::rad(tilt_x_deg));
    let (sb, cb) = dmath::sin_cos(dmath::rad(tilt_y_deg));
    let (sz, cz) = dmath::sin_cos(dmath::rad(angle_deg));
    let rx = Mat3([[1.0, 0.0, 0.0], [0.0, ca, -sa], [0.0, sa, ca]]);
    let ry = Mat3([[cb, 0.0, sb], [0.0, 1.0, 0.0], [-sb, 0.0, cb]]);
    let rz = Mat3([[cz, -sz, 0.0], [sz, cz, 0.0], [0.0, 0.0, 1.0]]);
    let r = rz.mul(&rx).mul(&ry);
    // [r1 r2 t] with t = (0, 0, dist).
    let ext = Mat3([
        [r.0[0][0], r.0[0][1], 0.0],
        [r.0[1][0], r.0[1][1], 0.0],
        [r.0[2][0], r.0[2][1], dist],
    ]);
    let k = Mat3([[focal, 0.0, 0.0], [0.0, focal, 0.0], [0.0, 0.0, 1.0]]);
    k.mul(&ext).mul(&Mat3::translate(-w / 2.0, -h / 2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_round_trip() {
        let h = camera_homography(85.6, 54.0, 17.0, 8.0, -6.0, 250.0, 1000.0);
        let hi = h.inverse();
        for &(x, y) in &[(0.0, 0.0), (85.6, 54.0), (40.0, 10.0)] {
            let (a, b) = h.apply(x, y);
            let (c, d) = hi.apply(a, b);
            assert!((c - x).abs() < 1e-9 && (d - y).abs() < 1e-9);
        }
        // Untilted: local scale is focal / dist everywhere.
        let h = camera_homography(85.6, 54.0, 30.0, 0.0, 0.0, 250.0, 1000.0);
        assert!((h.local_scale(10.0, 40.0) - 4.0).abs() < 1e-12);
    }
}

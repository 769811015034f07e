//! Registration of a sampled grid on the image: at 1.5–2 px per module the finder centres found
//! by run lengths are off by a fraction of a module, and the alignment search can settle on the
//! wrong spot, so modules far from the finders are sampled between modules. Each of the three
//! finders and the bottom-right alignment pattern is moved (by up to a module, in quarter
//! modules) to where its known pattern correlates best with the image, and the transform is
//! rebuilt through the four moved points.

use super::image::Gray;
use super::sampler::Homography;

/// The transform `h` of a `size`-module symbol (version 2 and up) with its finders and
/// bottom-right alignment pattern re-registered, each searched `steps` quarter modules each
/// way; `None` when the points degenerate.
pub(super) fn refine(img: &Gray, h: &Homography, size: usize, steps: i32) -> Option<Homography> {
    if size < 25 {
        return None;
    }
    let s = size as f32;
    let from = [
        (3.5, 3.5),
        (s - 3.5, 3.5),
        (3.5, s - 3.5),
        (s - 6.5, s - 6.5),
    ];
    let mut to = [(0.0f32, 0.0f32); 4];
    for (k, (&(u, v), t)) in from.iter().zip(to.iter_mut()).enumerate() {
        // A finder with its light separator (9 × 9), or the alignment pattern (5 × 5): dark
        // at Chebyshev distances 0, 1, 3 (finder) or 0, 2 (alignment).
        let (r, dark): (i32, fn(i32) -> bool) = if k == 3 {
            (2, |d| d != 1)
        } else {
            (4, |d| d != 2 && d != 4)
        };
        let mut best = (f32::MIN, (0.0, 0.0));
        for oy in -steps..=steps {
            for ox in -steps..=steps {
                let (du, dv) = (ox as f32 / 4.0, oy as f32 / 4.0);
                let (mut sv, mut svv, mut sve, mut se, mut n) = (0f32, 0f32, 0f32, 0f32, 0f32);
                for j in -r..=r {
                    for i in -r..=r {
                        let e = if dark(i.abs().max(j.abs())) {
                            -1.0
                        } else {
                            1.0
                        };
                        let val = img.sample_at(h.map(u + du + i as f32, v + dv + j as f32));
                        sv += val;
                        svv += val * val;
                        sve += val * e;
                        se += e;
                        n += 1.0;
                    }
                }
                let cov = sve - sv * se / n;
                let var = (svv - sv * sv / n).max(1e-3);
                // A slight preference for the points as found when scores tie.
                let score = cov / var.sqrt() - 0.05 * (du.abs() + dv.abs());
                if score > best.0 {
                    best = (score, (du, dv));
                }
            }
        }
        *t = h.map(u + best.1 .0, v + best.1 .1);
    }
    Homography::from_points(from, to)
}

//! Difficulty tiers: ranges of the parameters that matter to a QR decoder.

/// A difficulty tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// 3-5 px/module, light blur.
    Easy,
    /// 2-3.2 px/module.
    Medium,
    /// 1.5-2.4 px/module, blur about 1 px.
    Hard,
}

/// Parameter ranges of a tier (closed-open uniform ranges).
#[derive(Clone, Copy, Debug)]
pub struct TierSpec {
    /// QR module size in frame pixels at the QR centre.
    pub module_px: (f64, f64),
    /// Gaussian blur sigma (px).
    pub blur: (f64, f64),
    /// Additive Gaussian noise sigma (8-bit levels).
    pub noise: (f64, f64),
    /// JPEG quality (inclusive).
    pub jpeg: (i64, i64),
    /// Probability of a glare blob on the card.
    pub glare_p: f64,
    /// Maximum out-of-plane tilt (degrees) about each axis.
    pub tilt_max: f64,
}

impl Tier {
    /// All tiers, in the order used by `mixed`.
    pub const ALL: [Tier; 3] = [Tier::Easy, Tier::Medium, Tier::Hard];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Easy => "easy",
            Tier::Medium => "medium",
            Tier::Hard => "hard",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.name() == s)
    }

    /// Stable numeric id used in seed derivation.
    pub fn id(self) -> u64 {
        match self {
            Tier::Easy => 1,
            Tier::Medium => 2,
            Tier::Hard => 3,
        }
    }

    /// Parameter ranges.
    pub fn spec(self) -> TierSpec {
        match self {
            Tier::Easy => TierSpec {
                module_px: (3.0, 5.0),
                blur: (0.3, 0.7),
                noise: (1.5, 4.0),
                jpeg: (70, 92),
                glare_p: 0.2,
                tilt_max: 10.0,
            },
            Tier::Medium => TierSpec {
                module_px: (2.0, 3.2),
                blur: (0.35, 0.7),
                noise: (2.0, 5.0),
                jpeg: (65, 90),
                glare_p: 0.25,
                tilt_max: 12.0,
            },
            Tier::Hard => TierSpec {
                module_px: (1.5, 2.4),
                blur: (0.85, 1.2),
                noise: (2.5, 6.0),
                jpeg: (60, 85),
                glare_p: 0.25,
                tilt_max: 12.0,
            },
        }
    }
}

//! Reliability coefficients on plain data, independent of projects: Cohen's kappa,
//! Fleiss' kappa, Krippendorff's alpha (nominal, with missing values) and Krippendorff's
//! unitizing alpha for span boundaries. Each returns `None` when the coefficient is
//! undefined (no data, or no variation to be chance-corrected against).
//!
//! Reliability data are a table of units × coders, `None` where a coder did not code the
//! unit (Krippendorff's "missing" values).

use std::collections::BTreeMap;

// Counts in reliability data stay far below 2^53, where f64 is exact.
#[allow(clippy::cast_precision_loss)]
fn f(n: usize) -> f64 {
    n as f64
}

/// Cohen's kappa for two coders on the units both coded:
/// κ = (p_o − p_e) / (1 − p_e), with p_e from each coder's own category proportions.
pub fn cohen_kappa<V: Ord>(pairs: &[(V, V)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = f(pairs.len());
    let agree = pairs.iter().filter(|(a, b)| a == b).count();
    let mut first: BTreeMap<&V, usize> = BTreeMap::new();
    let mut second: BTreeMap<&V, usize> = BTreeMap::new();
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1;
        *second.entry(b).or_default() += 1;
    }
    let p_o = f(agree) / n;
    let p_e: f64 = first
        .iter()
        .map(|(v, &k)| f(k) / n * f(second.get(v).copied().unwrap_or(0)) / n)
        .sum();
    chance_corrected(p_o, p_e)
}

/// Fleiss' kappa on the units every coder coded (each unit needs the same number of
/// ratings, two or more): κ = (P̄ − P̄_e) / (1 − P̄_e).
pub fn fleiss_kappa<V: Ord + Clone>(units: &[Vec<Option<V>>]) -> Option<f64> {
    let complete: Vec<Vec<&V>> = units
        .iter()
        .filter(|u| u.len() >= 2 && u.iter().all(Option::is_some))
        .map(|u| u.iter().flatten().collect())
        .collect();
    let raters = complete.first()?.len();
    let n = f(raters);
    let mut totals: BTreeMap<&V, usize> = BTreeMap::new();
    let mut p_sum = 0.0;
    for unit in &complete {
        let mut counts: BTreeMap<&V, usize> = BTreeMap::new();
        for v in unit {
            *counts.entry(*v).or_default() += 1;
            *totals.entry(*v).or_default() += 1;
        }
        let same: usize = counts.values().map(|&c| c * c).sum();
        p_sum += (f(same) - n) / (n * (n - 1.0));
    }
    let units_n = f(complete.len());
    let p_bar = p_sum / units_n;
    let p_e: f64 = totals
        .values()
        .map(|&c| (f(c) / (units_n * n)).powi(2))
        .sum();
    chance_corrected(p_bar, p_e)
}

/// Krippendorff's alpha for nominal data, any number of coders, missing values allowed:
/// α = 1 − (n − 1) · Σ_u (m_u² − Σ_v n_uv²)/(m_u − 1) / (n² − Σ_v n_v²), over the units
/// with two or more values (m_u values in unit u, n pairable values in all).
pub fn krippendorff_alpha_nominal<V: Ord + Clone>(units: &[Vec<Option<V>>]) -> Option<f64> {
    let mut totals: BTreeMap<&V, usize> = BTreeMap::new();
    let mut observed = 0.0;
    for unit in units {
        let values: Vec<&V> = unit.iter().flatten().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let mut counts: BTreeMap<&V, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_default() += 1;
            *totals.entry(v).or_default() += 1;
        }
        let same: usize = counts.values().map(|&c| c * c).sum();
        observed += f(m * m - same) / f(m - 1);
    }
    let n: usize = totals.values().sum();
    let same: usize = totals.values().map(|&c| c * c).sum();
    let expected = f(n * n - same);
    if n < 2 || expected == 0.0 {
        return None;
    }
    Some(1.0 - (f(n) - 1.0) * observed / expected)
}

/// Observed and expected disagreement of Krippendorff's unitizing alpha (uα, Krippendorff
/// 1995; 2004, "Measuring the reliability of qualitative text analysis data") for one
/// category on a continuum `0..length`. `coders[i]` are coder i's units of the category
/// as half-open ranges; overlapping ranges of one coder are merged first. `None` when
/// there are fewer than two coders, no continuum, or no unit at all.
pub fn unitizing_disagreement(length: usize, coders: &[Vec<(usize, usize)>]) -> Option<(f64, f64)> {
    let m = coders.len();
    if m < 2 || length == 0 {
        return None;
    }
    let sections: Vec<Vec<Section>> = coders.iter().map(|u| sections(length, u)).collect();
    let big_l = f(length);
    let mut observed = 0.0;
    for (i, a) in sections.iter().enumerate() {
        for b in sections.iter().skip(i + 1) {
            observed += 2.0 * pair_distance(a, b);
        }
    }
    let d_o = observed / (f(m * (m - 1)) * big_l * big_l);

    let units: Vec<f64> = sections
        .iter()
        .flatten()
        .filter(|s| s.unit)
        .map(|s| f(s.len()))
        .collect();
    let gaps: Vec<f64> = sections
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| f(s.len()))
        .collect();
    if units.is_empty() {
        return None;
    }
    let n_c = f(units.len());
    let mut sum = 0.0;
    for &l in &units {
        let within = (n_c - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0;
        let in_gaps: f64 = gaps.iter().filter(|&&g| g >= l).map(|&g| g - l + 1.0).sum();
        sum += within + l * l * in_gaps;
    }
    let ml = f(m) * big_l;
    let denominator = ml * (ml - 1.0) - units.iter().map(|&l| l * (l - 1.0)).sum::<f64>();
    if denominator <= 0.0 {
        return None;
    }
    let d_e = 2.0 / big_l * sum / denominator;
    Some((d_o, d_e))
}

/// Krippendorff's unitizing alpha for one category: 1 − D_o / D_e.
pub fn unitizing_alpha(length: usize, coders: &[Vec<(usize, usize)>]) -> Option<f64> {
    let (d_o, d_e) = unitizing_disagreement(length, coders)?;
    (d_e > 0.0).then(|| 1.0 - d_o / d_e)
}

/// A unit or a gap of one coder's segmentation of the continuum.
#[derive(Clone, Copy, Debug)]
struct Section {
    start: usize,
    end: usize,
    unit: bool,
}

impl Section {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// The coder's units, merged where they overlap, with the gaps between them: a partition
/// of `0..length` in order.
fn sections(length: usize, units: &[(usize, usize)]) -> Vec<Section> {
    let mut sorted: Vec<(usize, usize)> = units
        .iter()
        .map(|&(s, e)| (s.min(length), e.min(length)))
        .filter(|(s, e)| s < e)
        .collect();
    sorted.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sorted {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Section {
                start: at,
                end: s,
                unit: false,
            });
        }
        out.push(Section {
            start: s,
            end: e,
            unit: true,
        });
        at = e;
    }
    if at < length {
        out.push(Section {
            start: at,
            end: length,
            unit: false,
        });
    }
    out
}

/// Σ δ² over the intersecting sections of two coders: both units → squared differences of
/// starts and of ends; a unit inside the other's gap → its squared length; else 0.
fn pair_distance(a: &[Section], b: &[Section]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    while i < a.len() && j < b.len() {
        let (g, h) = (a[i], b[j]);
        sum += match (g.unit, h.unit) {
            (true, true) => {
                let ds = f(g.start.abs_diff(h.start));
                let de = f(g.end.abs_diff(h.end));
                ds * ds + de * de
            }
            (true, false) if h.start <= g.start && g.end <= h.end => f(g.len()).powi(2),
            (false, true) if g.start <= h.start && h.end <= g.end => f(h.len()).powi(2),
            _ => 0.0,
        };
        if g.end <= h.end {
            i += 1;
        }
        if h.end <= g.end {
            j += 1;
        }
    }
    sum
}

fn chance_corrected(observed: f64, expected: f64) -> Option<f64> {
    (expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64, tol: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < tol, "{a} is not {b}");
    }

    /// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
    /// observers, twelve units, nominal values with missing data; α = 0.743.
    pub(crate) fn krippendorff_2011() -> Vec<Vec<Option<u8>>> {
        let rows: [[u8; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        (0..12)
            .map(|u| rows.iter().map(|r| (r[u] != 0).then_some(r[u])).collect())
            .collect()
    }

    #[test]
    fn alpha_nominal_matches_krippendorffs_worked_example() {
        close(
            krippendorff_alpha_nominal(&krippendorff_2011()),
            0.743,
            0.0005,
        );
        // The same data through the Python `krippendorff` package (0.9.0, numpy 2.4):
        // krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal")
        // with NaN for missing values gives 0.743421052631579.
        close(
            krippendorff_alpha_nominal(&krippendorff_2011()),
            0.743421052631579,
            1e-12,
        );
    }

    #[test]
    fn cohen_kappa_textbook_example() {
        // Wikipedia's "Cohen's kappa" example: 50 proposals, yes/yes 20, yes/no 5,
        // no/yes 10, no/no 15; p_o = 0.7, p_e = 0.5, κ = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("y", "y"), 20));
        pairs.extend(std::iter::repeat_n(("y", "n"), 5));
        pairs.extend(std::iter::repeat_n(("n", "y"), 10));
        pairs.extend(std::iter::repeat_n(("n", "n"), 15));
        close(cohen_kappa(&pairs), 0.4, 1e-12);
        assert_eq!(cohen_kappa(&[("a", "a"), ("a", "a")]), None);
    }

    #[test]
    fn fleiss_kappa_worked_example() {
        // Wikipedia's "Fleiss' kappa" example: 14 raters, 10 subjects, 5 categories;
        // P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
        let counts: [[usize; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let units: Vec<Vec<Option<usize>>> = counts
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .flat_map(|(k, &n)| std::iter::repeat_n(Some(k), n))
                    .collect()
            })
            .collect();
        close(fleiss_kappa(&units), 0.210, 0.0005);
    }

    #[test]
    fn unitizing_alpha_matches_krippendorffs_2004_example() {
        // Krippendorff (2004), "Measuring the reliability of qualitative text analysis
        // data", the two-coder example on a continuum of 300 (150..450, shifted to 0):
        // category c has D_o = 0.0144, D_e = 0.0532, uα = 0.7286 (0.7285 unrounded);
        // category k is unitized identically, uα = 1; jointly uα = 0.8587.
        let shift = |v: &[(usize, usize)]| v.iter().map(|&(s, e)| (s - 150, e - 150)).collect();
        let c = [
            shift(&[(225, 295), (370, 400)]),
            shift(&[(220, 300), (355, 375), (400, 420)]),
        ];
        let k = [
            shift(&[(180, 240), (300, 350)]),
            shift(&[(180, 240), (300, 350)]),
        ];
        let (o_c, e_c) = unitizing_disagreement(300, &c).expect("c");
        assert!((o_c - 0.0144).abs() < 0.0001 && (e_c - 0.0532).abs() < 0.0001);
        close(unitizing_alpha(300, &c), 0.7286, 0.0001);
        close(unitizing_alpha(300, &k), 1.0, 1e-12);
        let (o_k, e_k) = unitizing_disagreement(300, &k).expect("k");
        close(Some(1.0 - (o_c + o_k) / (e_c + e_k)), 0.8587, 0.0001);
    }

    #[test]
    fn undefined_without_variation_or_data() {
        let same: Vec<Vec<Option<u8>>> = vec![vec![Some(1), Some(1)]; 3];
        assert_eq!(krippendorff_alpha_nominal(&same), None);
        assert_eq!(krippendorff_alpha_nominal::<u8>(&[]), None);
        assert_eq!(fleiss_kappa::<u8>(&[]), None);
        assert_eq!(unitizing_alpha(10, &[vec![], vec![]]), None);
    }
}

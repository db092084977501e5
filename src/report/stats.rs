//! Classical item analysis, as Moodle's quiz statistics report defines it
//! (docs.moodle.org, "Quiz statistics calculations").
//!
//! Input: one row per student (their first completed attempt), one mark per
//! question (`None`: not on that student's form). All variances and covariances
//! divide by n - 1. Figures that need more data than there is are `None`
//! ("n too small"): CIC needs 3 attempts, skewness 3, kurtosis 4.

/// Statistics of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Question id.
    pub id: String,
    /// Students who answered it.
    pub n: usize,
    /// Facility: mean mark / max, percent.
    pub facility: Option<f64>,
    /// Standard deviation of the mark / max, percent.
    pub sd: Option<f64>,
    /// Expected score of a random guess, percent.
    pub random_guess: f64,
    /// max / sum of maxima, percent.
    pub intended_weight: f64,
    /// 100 sqrt(cov(item, total)) / sum of the same over items.
    pub effective_weight: Option<f64>,
    /// 100 x correlation of the item with the rest of the test.
    pub discrimination: Option<f64>,
    /// 100 x cov(item, rest) / the largest covariance those marks could have.
    pub efficiency: Option<f64>,
}

impl Item {
    /// Flag for review: discrimination below 0 or efficiency below 15.
    pub fn flagged(&self) -> bool {
        self.discrimination.is_some_and(|d| d < 0.0) || self.efficiency.is_some_and(|e| e < 15.0)
    }
}

/// Statistics of the whole test.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// Attempts.
    pub n: usize,
    /// Mean total mark.
    pub mean: Option<f64>,
    /// Median total mark.
    pub median: Option<f64>,
    /// Standard deviation of totals.
    pub sd: Option<f64>,
    /// Skewness of totals.
    pub skewness: Option<f64>,
    /// Kurtosis (excess) of totals.
    pub kurtosis: Option<f64>,
    /// Coefficient of internal consistency (Cronbach's alpha, = KR-20 for 0/1 items) x 100.
    pub cic: Option<f64>,
    /// 100 sqrt(1 - CIC/100).
    pub error_ratio: Option<f64>,
    /// error ratio x sd / 100.
    pub standard_error: Option<f64>,
}

fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// Sample covariance (n - 1).
pub fn cov(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n < 2 || y.len() != n {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    Some(
        x.iter()
            .zip(y)
            .map(|(a, b)| (a - mx) * (b - my))
            .sum::<f64>()
            / (n - 1) as f64,
    )
}

fn var(x: &[f64]) -> Option<f64> {
    cov(x, x)
}

fn median(x: &[f64]) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

/// Analyse a mark matrix: `marks[s][i]` of student s on item i, `max[i]`, `guess[i]` (0..1).
pub fn analyse(
    ids: &[String],
    marks: &[Vec<Option<f64>>],
    max: &[f64],
    guess: &[f64],
) -> (Test, Vec<Item>) {
    let n = marks.len();
    let totals: Vec<f64> = marks.iter().map(|row| row.iter().flatten().sum()).collect();
    let sum_max: f64 = max.iter().sum();
    // Per item: the students who answered it.
    let mut items = Vec::with_capacity(ids.len());
    let mut cov_total: Vec<Option<f64>> = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let (xs, ts): (Vec<f64>, Vec<f64>) = marks
            .iter()
            .zip(&totals)
            .filter_map(|(row, t)| row.get(i).copied().flatten().map(|x| (x, *t)))
            .unzip();
        let rest: Vec<f64> = xs.iter().zip(&ts).map(|(x, t)| t - x).collect();
        let m = max[i].max(f64::MIN_POSITIVE);
        let sd_i = var(&xs).map(f64::sqrt);
        let c_rest = cov(&xs, &rest);
        let discrimination = match (c_rest, sd_i, var(&rest).map(f64::sqrt)) {
            (Some(c), Some(a), Some(b)) if a > 0.0 && b > 0.0 => Some(100.0 * c / (a * b)),
            _ => None,
        };
        let efficiency = c_rest.and_then(|c| {
            let mut sx = xs.clone();
            let mut sr = rest.clone();
            sx.sort_by(f64::total_cmp);
            sr.sort_by(f64::total_cmp);
            let cmax = cov(&sx, &sr)?;
            (cmax > 0.0).then(|| 100.0 * c / cmax)
        });
        cov_total.push(cov(&xs, &ts));
        items.push(Item {
            id: id.clone(),
            n: xs.len(),
            facility: mean(&xs).map(|v| 100.0 * v / m),
            sd: sd_i.map(|s| 100.0 * s / m),
            random_guess: 100.0 * guess[i],
            intended_weight: if sum_max > 0.0 {
                100.0 * max[i] / sum_max
            } else {
                0.0
            },
            effective_weight: None,
            discrimination,
            efficiency,
        });
    }
    let roots: Vec<Option<f64>> = cov_total
        .iter()
        .map(|c| c.filter(|c| *c > 0.0).map(f64::sqrt))
        .collect();
    let sum_roots: f64 = roots.iter().flatten().sum();
    for (it, r) in items.iter_mut().zip(&roots) {
        it.effective_weight = r.filter(|_| sum_roots > 0.0).map(|r| 100.0 * r / sum_roots);
    }

    let sd = if n >= 2 {
        var(&totals).map(f64::sqrt)
    } else {
        None
    };
    let nf = n as f64;
    let mu = mean(&totals);
    let moment = |p: i32| mu.map(|m| totals.iter().map(|t| (t - m).powi(p)).sum::<f64>() / nf);
    let (m2, m3, m4) = (moment(2), moment(3), moment(4));
    let k2 = m2.map(|m2| nf * m2 / (nf - 1.0));
    let skewness = match (n >= 3, k2, m3) {
        (true, Some(k2), Some(m3)) if k2 > 0.0 => {
            Some(nf * nf * m3 / ((nf - 1.0) * (nf - 2.0)) / k2.powf(1.5))
        }
        _ => None,
    };
    let kurtosis = match (n >= 4, k2, m2, m4) {
        (true, Some(k2), Some(m2), Some(m4)) if k2 > 0.0 => {
            let k4 = nf * nf * ((nf + 1.0) * m4 - 3.0 * (nf - 1.0) * m2 * m2)
                / ((nf - 1.0) * (nf - 2.0) * (nf - 3.0));
            Some(k4 / (k2 * k2))
        }
        _ => None,
    };
    // CIC over the items every student answered.
    let k_full: Vec<usize> = (0..ids.len())
        .filter(|&i| marks.iter().all(|r| r.get(i).copied().flatten().is_some()))
        .collect();
    let cic = if n >= 3 && k_full.len() >= 2 {
        let k = k_full.len() as f64;
        let full_totals: Vec<f64> = marks
            .iter()
            .map(|r| k_full.iter().map(|&i| r[i].unwrap_or(0.0)).sum())
            .collect();
        let sum_var: f64 = k_full
            .iter()
            .map(|&i| {
                var(&marks
                    .iter()
                    .map(|r| r[i].unwrap_or(0.0))
                    .collect::<Vec<_>>())
                .unwrap_or(0.0)
            })
            .sum();
        var(&full_totals)
            .filter(|v| *v > 0.0)
            .map(|vt| 100.0 * k / (k - 1.0) * (1.0 - sum_var / vt))
    } else {
        None
    };
    let error_ratio = cic
        .filter(|c| *c <= 100.0)
        .map(|c| 100.0 * (1.0 - c / 100.0).sqrt());
    let standard_error = match (error_ratio, sd) {
        (Some(e), Some(s)) => Some(e / 100.0 * s),
        _ => None,
    };
    (
        Test {
            n,
            mean: mu,
            median: median(&totals),
            sd,
            skewness,
            kurtosis,
            cic,
            error_ratio,
            standard_error,
        },
        items,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_n_is_reported_as_too_small() {
        let ids = vec!["a".to_string(), "b".to_string()];
        let marks = vec![vec![Some(1.0), Some(0.0)], vec![Some(0.0), Some(1.0)]];
        let (t, items) = analyse(&ids, &marks, &[1.0, 1.0], &[0.5, 0.5]);
        assert_eq!(t.n, 2);
        assert_eq!((t.cic, t.skewness, t.kurtosis), (None, None, None));
        assert_eq!(items[0].facility, Some(50.0));
        assert_eq!(items[0].intended_weight, 50.0);
    }
}

//! Demo data: synthetic files in the exact DGDDI layouts for 2022, 2023, 2024 and 2025T1–T3 (what
//! users hold in 2026), because the real files with partner countries cannot be downloaded on the
//! build machines. They are always labelled as demo data.
//!
//! How they are made (deterministic, no random generator state: every draw is a hash of its keys):
//! - each département's product mix is its real 2019 mix (`data/demo/util_export_import_dep.csv`,
//!   DGDDI values without partner countries);
//! - totals are calibrated on the published 2024 figures: Oise, Hauts-de-France and France come out
//!   exactly; the other départements keep their real relative weights within their group;
//! - each product's yearly value is spread over four quarters (±8 %) and over partner countries: a
//!   documented base distribution of France's partners (large partners first, a long tail), reweighted
//!   per product, with more partners for larger flows; a few goods come mostly from one country
//!   (`DOMINANT_PARTNERS`: energy and raw materials, electronics, clothing, aircraft), which takes
//!   45 % to 80 % of them in each département;
//! - mass follows a price per kg drawn per A129 product (0,5 to 60 €/kg);
//! - the other years are 2024 moved by documented factors (`year_factor`, `partner_factor`): a
//!   trend per year and flow, ±12 % per good (A129) and year, energy imports ×1,5 in 2022, and the
//!   partner mix of each flow ±10 % per country and year, the United States' share of exports ×0,85
//!   in 2025. 2024 itself is unchanged (calibrated on the published totals).
//!
//! Files: `Region_2022_Export.txt` … `Region_2024_Import.txt` (annual layout), then the five-quarter
//! « dernière publication » `REGIONAL_CPF4PAYSE.txt` / `…I.txt` (2024T3–2025T3), read last: its 2024
//! quarters replace the annual file's (the same values here), as a real later publication would.
//!
//! Every split is done in whole euros by largest remainder, so sums are exact to the euro.

use crate::code_lists::CodeLists;
use crate::InputError;
use comex_core::catalog::{Catalog, CountryGroup};
use comex_core::codes::Flow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The calibrated year.
pub const YEAR: u16 = 2024;
/// Every year of the demo, with the quarters it holds.
pub const YEARS: [(u16, u8); 4] = [(2022, 4), (2023, 4), (2024, 4), (2025, 3)];
pub const SEED: u64 = 0x0c0e_2024;
pub const MIX_FILE: &str = "demo/util_export_import_dep.csv";
/// The year of the real product mix used.
const MIX_YEAR: &str = "2019";

/// Published 2024 totals (euros) the demo reproduces: (territory, exports, imports).
pub const CALIBRATION: [(&str, i64, i64); 3] = [
    ("dep:60", 9_114_800_000, 11_319_000_000),
    ("reg:01", 68_021_000_000, 85_786_300_000),
    ("fr", 580_354_500_000, 684_776_300_000),
];
const CALIBRATED_DEPARTEMENT: &str = "60";
const CALIBRATED_REGION: &str = "01";

/// France's main partners and their rough weight, (exports, imports). The rest of the world shares a tail.
const PARTNERS: [(&str, f64, f64); 40] = [
    ("DE", 14.0, 15.0),
    ("BE", 10.0, 10.5),
    ("IT", 8.5, 8.5),
    ("ES", 8.0, 8.0),
    ("US", 8.0, 6.5),
    ("GB", 6.0, 3.5),
    ("NL", 4.5, 8.0),
    ("CH", 4.0, 2.5),
    ("CN", 4.0, 9.0),
    ("PL", 2.2, 2.0),
    ("SG", 1.5, 0.6),
    ("JP", 1.4, 1.2),
    ("SE", 1.1, 0.9),
    ("AT", 1.0, 0.8),
    ("PT", 1.2, 1.3),
    ("TR", 1.1, 1.3),
    ("IE", 0.9, 1.4),
    ("CZ", 0.9, 1.1),
    ("KR", 0.9, 0.8),
    ("IN", 0.8, 1.0),
    ("MA", 1.1, 0.9),
    ("AE", 1.0, 0.4),
    ("DK", 0.8, 0.6),
    ("RO", 0.8, 0.7),
    ("HU", 0.6, 0.6),
    ("CA", 0.7, 0.4),
    ("DZ", 0.8, 0.6),
    ("NO", 0.5, 1.2),
    ("TN", 0.7, 0.8),
    ("SA", 0.7, 0.6),
    ("GR", 0.6, 0.3),
    ("BR", 0.6, 0.5),
    ("HK", 0.6, 0.2),
    ("MX", 0.5, 0.3),
    ("FI", 0.4, 0.4),
    ("SK", 0.4, 0.7),
    ("VN", 0.2, 1.1),
    ("TH", 0.3, 0.6),
    ("BD", 0.1, 0.7),
    ("AU", 0.6, 0.2),
];
const TAIL_WEIGHT: f64 = 0.03;

/// Goods a département gets mostly from one country (or sells mostly to one), as real trade does:
/// energy and raw materials from few suppliers, electronics, clothing and footwear from China, aircraft
/// parts within the European aircraft makers' chain. That country takes 45 % to 80 % of the good in
/// each département (`dominant_share`). (flow, A129 good, country.)
const DOMINANT_PARTNERS: [(Flow, &str, &str); 10] = [
    (Flow::Import, "B06Z", "NO"), // crude oil and natural gas
    (Flow::Import, "B05Z", "AU"), // coal
    (Flow::Import, "B07Z", "BR"), // metal ores
    (Flow::Import, "C19Z", "NL"), // refined petroleum products (Rotterdam)
    (Flow::Import, "C26A", "CN"), // electronic components
    (Flow::Import, "C26B", "CN"), // computers
    (Flow::Import, "C26C", "CN"), // communication equipment
    (Flow::Import, "C14Z", "CN"), // clothing
    (Flow::Import, "C15Z", "CN"), // leather goods and footwear
    (Flow::Export, "C30C", "DE"), // aircraft and spacecraft
];

/// The dominant partner's share of a good in a département: 45 % to 80 %, drawn per good and
/// département (so some départements stay under half).
fn dominant_share(flow: Flow, a129: &str, departement: &str) -> f64 {
    0.45 + 0.35 * draw(&["dominant", flow.code(), a129, departement])
}

/// Gives the good's dominant partner, if it has one, its share: it joins the partners if it was not
/// among them (in place of the last one).
fn with_dominant_partner(
    mut partners: Vec<(String, f64)>,
    flow: Flow,
    a129: &str,
    departement: &str,
) -> Vec<(String, f64)> {
    let Some((_, _, country)) = DOMINANT_PARTNERS
        .iter()
        .find(|(kind, good, _)| *kind == flow && *good == a129)
    else {
        return partners;
    };
    if !partners.iter().any(|(code, _)| code == country) {
        partners.pop();
        partners.push(((*country).to_string(), 0.0));
    }
    let others: f64 = partners
        .iter()
        .filter(|(code, _)| code != country)
        .map(|(_, weight)| weight)
        .sum();
    let share = dominant_share(flow, a129, departement);
    for (code, weight) in &mut partners {
        if code == country {
            // Alone, it takes everything; otherwise `share` of the whole.
            *weight = if others > 0.0 {
                others * share / (1.0 - share)
            } else {
                1.0
            };
        }
    }
    partners
}

/// One deterministic draw in [0, 1) from a list of keys (splitmix64 over FNV-1a).
fn draw(keys: &[&str]) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ SEED;
    for key in keys {
        for byte in key.bytes().chain(std::iter::once(0xff)) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut z = hash.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1_u64 << 53) as f64
}

/// Splits `total` euros in proportion to `weights`, in whole euros, summing exactly (largest remainder,
/// ties by position).
pub fn split(total: i64, weights: &[f64]) -> Vec<i64> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights
        .iter()
        .map(|weight| total as f64 * weight / sum)
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|value| value.floor() as i64).collect();
    let mut left = total - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let frac = |i: usize| exact.get(i).map(|x| x - x.floor()).unwrap_or(0.0);
        frac(b).total_cmp(&frac(a)).then(a.cmp(&b))
    });
    for i in order.into_iter().cycle() {
        if left <= 0 {
            break;
        }
        if let Some(part) = parts.get_mut(i) {
            *part += 1;
            left -= 1;
        }
    }
    parts
}

/// The real mix: (département DGDDI code, CPF4) → (exports, imports), for one year.
type Mix = BTreeMap<(String, String), (i64, i64)>;

fn read_mix(code_lists_dir: &Path, lists: &CodeLists) -> Result<Mix, InputError> {
    let path = code_lists_dir.join(MIX_FILE);
    let text =
        std::fs::read_to_string(&path).map_err(InputError::io(path.display().to_string()))?;
    let mut mix = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.trim_end_matches('\r').split(';').collect();
        let [year, departement, cpf4, _a129, exports, imports] = fields.as_slice() else {
            return Err(InputError::CodeList {
                file: MIX_FILE.into(),
                reason: format!("line {}: expected 6 fields", index + 1),
            });
        };
        if *year != MIX_YEAR {
            continue;
        }
        // The mix writes overseas départements with INSEE codes; the customs use 9A..9E.
        let code = match *departement {
            "971" => "9A",
            "972" => "9B",
            "973" => "9C",
            "974" => "9D",
            "976" => "9E",
            other => other,
        };
        if lists.departement(code).is_none() {
            continue; // `98` has no DGDDI département: left out of the demo (documented in data/SOURCES.md)
        }
        let amount = |text: &str| text.parse::<i64>().unwrap_or(0).max(0);
        mix.insert(
            (code.to_string(), (*cpf4).to_string()),
            (amount(exports), amount(imports)),
        );
    }
    Ok(mix)
}

/// Calibrated yearly totals per (département, flow): the fixed territories exactly, the others scaled
/// by a common factor within their group (the rest of the région, the rest of France).
fn calibrated_totals(mix: &Mix, lists: &CodeLists) -> BTreeMap<(String, Flow), i64> {
    let mut raw: BTreeMap<(String, Flow), i64> = BTreeMap::new();
    for ((departement, _), (exports, imports)) in mix {
        *raw.entry((departement.clone(), Flow::Export)).or_insert(0) += exports;
        *raw.entry((departement.clone(), Flow::Import)).or_insert(0) += imports;
    }
    let mut totals = BTreeMap::new();
    for (flow_index, flow) in Flow::BOTH.into_iter().enumerate() {
        let target = |i: usize| {
            let (_, exports, imports) = CALIBRATION.get(i).copied().unwrap_or(("", 0, 0));
            if flow_index == 0 {
                exports
            } else {
                imports
            }
        };
        let (departement_target, region_target, france_target) = (target(0), target(1), target(2));
        // Each département belongs to one calibration group: the Oise, the rest of its région, the rest of France.
        let group_of = |code: &str| {
            let in_region = lists
                .departement(code)
                .is_some_and(|d| d.region == CALIBRATED_REGION);
            match (code == CALIBRATED_DEPARTEMENT, in_region) {
                (true, _) => 0,
                (false, true) => 1,
                (false, false) => 2,
            }
        };
        let groups = [
            (0, departement_target),
            (1, region_target - departement_target),
            (2, france_target - region_target),
        ];
        for (group, target) in groups {
            let members: Vec<(&String, i64)> = raw
                .iter()
                .filter(|((code, f), _)| *f == flow && group_of(code) == group)
                .map(|((code, _), value)| (code, *value))
                .collect();
            let weights: Vec<f64> = members.iter().map(|(_, v)| *v as f64).collect();
            for ((code, _), value) in members.iter().zip(split(target, &weights)) {
                totals.insert(((*code).clone(), flow), value);
            }
        }
    }
    totals
}

/// The countries a demo flow may go to, with their base weight: every country code valid in the demo
/// year, but France (goods returned) and the customs-only codes.
fn eligible_partners(catalog: &Catalog, lists: &CodeLists, flow: Flow) -> Vec<(String, f64)> {
    let base: BTreeMap<&str, f64> = PARTNERS
        .iter()
        .map(|(code, exports, imports)| {
            (
                *code,
                if flow == Flow::Export {
                    *exports
                } else {
                    *imports
                },
            )
        })
        .collect();
    catalog
        .countries
        .iter()
        .filter(|c| {
            c.zone != CountryGroup::CustomsOnly
                && c.code != "FR"
                && lists.country_valid_in(&c.code, YEAR, 4)
        })
        .map(|c| {
            let weight = base
                .get(c.code.as_str())
                .copied()
                .unwrap_or(TAIL_WEIGHT * draw(&["tail", &c.code]));
            (c.code.clone(), weight)
        })
        .collect()
}

/// The partners of one product's flow: the base weights reweighted per product and per département
/// (a factor between about 0.2 and 5), the largest `count` kept.
fn partners(
    eligible: &[(String, f64)],
    flow: Flow,
    cpf4: &str,
    departement: &str,
    count: usize,
) -> Vec<(String, f64)> {
    let mut weighted: Vec<(String, f64)> = eligible
        .iter()
        .map(|(code, weight)| {
            let factor = (1.6 * (draw(&[flow.code(), cpf4, code]) - 0.5) * 2.0).exp()
                * (0.7 * (draw(&[flow.code(), departement, code]) - 0.5) * 2.0).exp();
            (code.clone(), weight * factor)
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighted.truncate(count);
    weighted
}

/// A good's value in `year` against 2024: the year's trend for the flow, ±12 % per A129 good and
/// year, energy imports (crude oil and gas, refined products, electricity) ×1,5 in 2022.
fn year_factor(year: u16, flow: Flow, a129: &str) -> f64 {
    if year == YEAR {
        return 1.0;
    }
    let trend = match (year, flow) {
        (2022, Flow::Export) => 0.96,
        (2022, Flow::Import) => 1.06,
        (2023, Flow::Export) => 0.99,
        (2023, Flow::Import) => 1.01,
        (_, Flow::Export) => 1.01,
        (_, Flow::Import) => 0.99,
    };
    let energy = matches!(a129, "B06Z" | "C19Z" | "D35Z");
    let shock = if year == 2022 && flow == Flow::Import && energy {
        1.5
    } else {
        1.0
    };
    trend * shock * (0.25 * (draw(&["year", &year.to_string(), flow.code(), a129]) - 0.5)).exp()
}

/// A partner's weight in `year` against 2024: ±10 % per country and year; the United States'
/// exports ×0,85 in 2025.
fn partner_factor(year: u16, flow: Flow, country: &str) -> f64 {
    if year == YEAR {
        return 1.0;
    }
    let tariffs = if year == 2025 && flow == Flow::Export && country == "US" {
        0.85
    } else {
        1.0
    };
    tariffs * (0.2 * (draw(&["partner", &year.to_string(), flow.code(), country]) - 0.5)).exp()
}

/// The file a demo year and flow is written to: the annual layout, or the five-quarter one.
fn file_name(year: u16, flow: Flow) -> String {
    match (year, flow) {
        (2025, Flow::Export) => "REGIONAL_CPF4PAYSE.txt".into(),
        (2025, Flow::Import) => "REGIONAL_CPF4PAYSI.txt".into(),
        (_, Flow::Export) => format!("Region_{year}_Export.txt"),
        (_, Flow::Import) => format!("Region_{year}_Import.txt"),
    }
}

/// Writes the demo files into `dir`, in the order they are to be read, with a notice file.
pub fn generate(
    code_lists_dir: &Path,
    lists: &CodeLists,
    dir: &Path,
) -> Result<Vec<PathBuf>, InputError> {
    let catalog = lists.catalog_for(YEAR)?;
    let mix = read_mix(code_lists_dir, lists)?;
    let totals = calibrated_totals(&mix, lists);
    std::fs::create_dir_all(dir).map_err(InputError::io(dir.display().to_string()))?;
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for (year, quarters) in YEARS {
        for flow in Flow::BOTH {
            let text = generate_year(&catalog, lists, &mix, &totals, year, quarters, flow);
            texts
                .entry(file_name(year, flow))
                .or_default()
                .push_str(&text);
            // The five-quarter file also holds the last two quarters of 2024, as published.
            if year == YEAR {
                let last_two: String = text
                    .lines()
                    .filter(|line| line.split(';').nth(1).is_some_and(|q| q == "3" || q == "4"))
                    .flat_map(|line| [line, "\n"])
                    .collect();
                texts
                    .entry(file_name(2025, flow))
                    .or_default()
                    .push_str(&last_two);
            }
        }
    }
    let mut paths = Vec::new();
    for (year, _) in YEARS {
        for flow in Flow::BOTH {
            let name = file_name(year, flow);
            let path = dir.join(&name);
            if let Some(text) = texts.remove(&name) {
                std::fs::write(&path, text).map_err(InputError::io(path.display().to_string()))?;
                paths.push(path);
            }
        }
    }
    let notice = dir.join("LISEZ-MOI-DEMO.txt");
    std::fs::write(
        &notice,
        "DONNÉES DE DÉMONSTRATION — synthétiques, au format exact des fichiers DGDDI.\n\
         Elles ne sont pas les statistiques des douanes : voir crates/data/src/demo.rs.\n",
    )
    .map_err(InputError::io(notice.display().to_string()))?;
    Ok(paths)
}

/// One year's lines of one flow. 2024's are the calibrated ones, draw for draw.
fn generate_year(
    catalog: &Catalog,
    lists: &CodeLists,
    mix: &Mix,
    totals: &BTreeMap<(String, Flow), i64>,
    year: u16,
    quarters: u8,
    flow: Flow,
) -> String {
    {
        let mut text = String::new();
        let eligible: Vec<(String, f64)> = eligible_partners(catalog, lists, flow)
            .into_iter()
            .map(|(code, weight)| {
                let factor = partner_factor(year, flow, &code);
                (code, weight * factor)
            })
            .collect();
        let mut by_departement: BTreeMap<&str, Vec<(&str, i64)>> = BTreeMap::new();
        for ((departement, cpf4), (exports, imports)) in mix {
            let weight = if flow == Flow::Export {
                *exports
            } else {
                *imports
            };
            by_departement
                .entry(departement.as_str())
                .or_default()
                .push((cpf4.as_str(), weight));
        }
        for (departement, products) in by_departement {
            let Some(entry) = lists.departement(departement) else {
                continue;
            };
            let total = totals
                .get(&(departement.to_string(), flow))
                .copied()
                .unwrap_or(0);
            let weights: Vec<f64> = products.iter().map(|(_, w)| *w as f64).collect();
            for ((cpf4, _), product_value) in products.iter().zip(split(total, &weights)) {
                let Some(product) = catalog.product_id(cpf4).and_then(|id| catalog.product(id))
                else {
                    continue;
                };
                // A year of four quarters at the year's level; 2025's three quarters at 2024's pace.
                let product_value = (product_value as f64
                    * year_factor(year, flow, &product.a129)
                    * f64::from(quarters)
                    / 4.0)
                    .round() as i64;
                if product_value <= 0 {
                    continue;
                }
                let count = (2.0 + 5.0 * (product_value as f64 / 1e5).max(1.0).log10())
                    .round()
                    .clamp(1.0, 45.0) as usize;
                let partners = with_dominant_partner(
                    partners(&eligible, flow, cpf4, departement, count),
                    flow,
                    &product.a129,
                    departement,
                );
                let price_per_kg = 0.5 + 59.5 * draw(&["price", &product.a129]).powi(2);
                let year_key = if year == YEAR {
                    String::new()
                } else {
                    year.to_string()
                };
                let quarter_weights: Vec<f64> = (1..=quarters)
                    .map(|q| {
                        let quarter_key = format!("{q}{year_key}");
                        1.0 + 0.16 * (draw(&[flow.code(), departement, cpf4, &quarter_key]) - 0.5)
                    })
                    .collect();
                for (quarter, quarter_value) in
                    (1..=quarters).zip(split(product_value, &quarter_weights))
                {
                    let quarter_key = format!("{quarter}{year_key}");
                    let weights: Vec<f64> = partners
                        .iter()
                        .map(|(code, w)| {
                            w * (1.0 + 0.3 * (draw(&[&quarter_key, cpf4, departement, code]) - 0.5))
                        })
                        .collect();
                    for ((country, _), value) in partners.iter().zip(split(quarter_value, &weights))
                    {
                        if value == 0 {
                            continue;
                        }
                        let mass = (value as f64 / price_per_kg).round() as i64;
                        text.push_str(&format!(
                            "{};{quarter};{year};{departement};{};{};{cpf4};{country};{value};{mass}\n",
                            flow.code(),
                            entry.region,
                            product.a129,
                        ));
                    }
                }
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dominant_partner_takes_its_share_of_the_good() {
        let partners = vec![("DE".to_string(), 3.0), ("IT".to_string(), 1.0)];
        let share = dominant_share(Flow::Import, "C26B", "60");
        assert!((0.45..0.8).contains(&share), "{share}");
        // China was not among the partners: it takes the last one's place, then `share` of the whole.
        let with = with_dominant_partner(partners.clone(), Flow::Import, "C26B", "60");
        let total: f64 = with.iter().map(|(_, w)| w).sum();
        let china = with.iter().find(|(code, _)| code == "CN").map(|(_, w)| *w);
        assert_eq!(with.len(), 2);
        assert!((china.unwrap() / total - share).abs() < 1e-12);
        // A good without a dominant partner keeps its weights.
        assert_eq!(
            with_dominant_partner(partners.clone(), Flow::Export, "C26B", "60"),
            partners
        );
    }

    #[test]
    fn split_is_exact_and_proportional() {
        let parts = split(10, &[1.0, 1.0, 1.0]);
        assert_eq!(parts, vec![4, 3, 3]);
        assert_eq!(
            split(1_000_000_007, &[0.2, 0.3, 0.5]).iter().sum::<i64>(),
            1_000_000_007
        );
        assert_eq!(split(5, &[0.0, 0.0]), vec![0, 0]);
        assert_eq!(split(7, &[0.0, 2.0]), vec![0, 7]);
    }

    #[test]
    fn draws_are_deterministic_and_spread() {
        assert_eq!(draw(&["a", "b"]), draw(&["a", "b"]));
        assert_ne!(draw(&["a", "b"]), draw(&["ab"]));
        let mean: f64 = (0..1000)
            .map(|index| draw(&[&index.to_string()]))
            .sum::<f64>()
            / 1000.0;
        assert!((0.45..0.55).contains(&mean), "{mean}");
    }
}

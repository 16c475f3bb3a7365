//! A test data set whose labels are hostile (`<img src=x onerror=…>`, quotes, a script tag), built
//! with the real pipeline from patched code lists: the end-to-end tests check that the page shows
//! them as text and runs nothing.

use crate::command::run_with;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const HOSTILE_COUNTRY: &str = "<img src=x onerror=alert(1)> \"Belgique\" & 'co'";
pub const HOSTILE_PRODUCT: &str = "<b onmouseover=alert(2)>Parfums</b> \"cosmétiques\"";
pub const HOSTILE_DEPARTEMENT: &str = "Oise <script>alert(3)</script>";

/// (file, line as published, line with a hostile label)
const PATCHES: [(&str, &str, &str); 3] = [
    ("Libelle_PAYS.txt", "BE;Belgique;", "BE;{country};"),
    (
        "Libelle_A129.txt",
        "C20B;Parfums, cosmétiques et produits d’entretien;",
        "C20B;{product};",
    ),
    ("Departement_region.txt", "60;Oise;", "60;{departement};"),
];

/// A few lines of the Oise and the Nord, in the DGDDI layout.
const INPUT: &str = "E;1;2024;60;01;C20B;2042;BE;1000000;10\nE;1;2024;60;01;C20B;2042;US;700000;7\n\
I;1;2024;60;01;C28B;2830;BE;300000;3\nE;1;2024;59;01;C28B;2830;DE;500000;5\nI;2;2024;59;01;C20B;2042;BE;200000;2\n";

/// Builds the hostile data set into target/hostile-data/; returns the folder holding v1/.
pub fn build(root: &Path) -> Result<PathBuf> {
    let lists = root.join("target/hostile-code-lists");
    if lists.exists() {
        std::fs::remove_dir_all(&lists)?;
    }
    std::fs::create_dir_all(lists.join("demo"))?;
    for entry in std::fs::read_dir(root.join("data"))? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), lists.join(entry.file_name()))?;
        }
    }
    for (file, published, hostile) in PATCHES {
        let path = lists.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        if !text.contains(published) {
            bail!("{file}: no line starting `{published}` to patch");
        }
        let hostile = hostile
            .replace("{country}", HOSTILE_COUNTRY)
            .replace("{product}", HOSTILE_PRODUCT)
            .replace("{departement}", HOSTILE_DEPARTEMENT);
        std::fs::write(&path, text.replace(published, &hostile))?;
    }
    let input = root.join("target/hostile-input/hostile-lines.txt");
    std::fs::create_dir_all(input.parent().unwrap_or(root))?;
    std::fs::write(&input, INPUT)?;
    let out = root.join("target/hostile-data");
    run_with(
        Command::new(root.join("target/pipeline/comex-data"))
            .arg("build")
            .arg("--input")
            .arg(&input)
            .arg("--code-lists")
            .arg(&lists)
            .arg("--out")
            .arg(&out),
    )?;
    Ok(out)
}

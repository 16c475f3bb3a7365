//! The blocks by name, as in the URL's `embed` parameter and on the command line.

use crate::codes::Flow;
use crate::views::PeriodView;
use crate::CoreError;
use std::fmt;
use std::str::FromStr;

/// Which territory's table a block describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The selected territory.
    Territory,
    /// The région of the selected département, for comparison.
    Region,
    /// France, for comparison.
    France,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Block {
    KeyPoints,
    Partners,
    Evolution,
    ChangePartners,
    ChangeGoods,
    GoodsImport,
    GoodsExport,
    ExportSankey,
    TotalsExportations,
    ExportSankeyRegion,
    ExportSankeyFrance,
    ImportSankey,
    TotalsImportations,
    ImportSankeyRegion,
    ImportSankeyFrance,
    Map,
    Specialisation,
    Exposure,
    ImportDependence,
    ExportConcentration,
    TariffExposure,
    /// The selected territory beside another one (`compare=`).
    Comparison,
}

impl Block {
    /// In the portrait's order.
    pub const ALL: [Block; 22] = [
        Block::KeyPoints,
        Block::Partners,
        Block::Evolution,
        Block::ChangePartners,
        Block::ChangeGoods,
        Block::GoodsImport,
        Block::GoodsExport,
        Block::ExportSankey,
        Block::TotalsExportations,
        Block::ExportSankeyRegion,
        Block::ExportSankeyFrance,
        Block::ImportSankey,
        Block::TotalsImportations,
        Block::ImportSankeyRegion,
        Block::ImportSankeyFrance,
        Block::Map,
        Block::Specialisation,
        Block::Exposure,
        Block::ImportDependence,
        Block::ExportConcentration,
        Block::TariffExposure,
        Block::Comparison,
    ];

    /// Its name, in kebab case (`strum`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The view of one period the block computes, if it is one.
    pub fn period_view(self) -> Option<PeriodView> {
        match self {
            Block::Partners => Some(PeriodView::Partners),
            Block::GoodsImport => Some(PeriodView::GoodsImport),
            Block::GoodsExport => Some(PeriodView::GoodsExport),
            Block::ExportSankey | Block::ExportSankeyRegion | Block::ExportSankeyFrance => {
                Some(PeriodView::ExportSankey)
            }
            Block::ImportSankey | Block::ImportSankeyRegion | Block::ImportSankeyFrance => {
                Some(PeriodView::ImportSankey)
            }
            Block::TotalsExportations | Block::TotalsImportations => Some(PeriodView::Totals),
            Block::Specialisation => Some(PeriodView::Specialisation),
            Block::Exposure => Some(PeriodView::Exposure),
            Block::ImportDependence => Some(PeriodView::ImportDependence),
            Block::ExportConcentration => Some(PeriodView::ExportConcentration),
            Block::TariffExposure => Some(PeriodView::TariffExposure),
            // Computed by their own arms of `blocks::compute`.
            Block::KeyPoints
            | Block::Evolution
            | Block::ChangePartners
            | Block::ChangeGoods
            | Block::Map
            | Block::Comparison => None,
        }
    }

    pub fn subject(self) -> Subject {
        match self {
            Block::ExportSankeyRegion | Block::ImportSankeyRegion => Subject::Region,
            Block::ExportSankeyFrance | Block::ImportSankeyFrance => Subject::France,
            _ => Subject::Territory,
        }
    }

    /// The flow a block is about, when it is about one.
    pub fn flow(self) -> Option<Flow> {
        match self {
            Block::GoodsExport
            | Block::ExportSankey
            | Block::TotalsExportations
            | Block::ExportSankeyRegion
            | Block::ExportSankeyFrance
            | Block::Specialisation
            | Block::Exposure
            | Block::ExportConcentration
            | Block::TariffExposure => Some(Flow::Export),
            Block::GoodsImport
            | Block::ImportSankey
            | Block::TotalsImportations
            | Block::ImportSankeyRegion
            | Block::ImportSankeyFrance
            | Block::ImportDependence => Some(Flow::Import),
            Block::KeyPoints
            | Block::Map
            | Block::Partners
            | Block::Evolution
            | Block::ChangePartners
            | Block::ChangeGoods
            | Block::Comparison => None,
        }
    }

    /// Whether the block is a comparison diagram drawn at half width.
    pub fn is_comparison(self) -> bool {
        self.subject() != Subject::Territory
    }

    /// Whether the block reads more than the selected period's files: the evolution (every year of
    /// the territory, its région and France) and the changes (a year earlier).
    pub fn reads_every_year(self) -> bool {
        matches!(
            self,
            Block::Evolution | Block::ChangePartners | Block::ChangeGoods
        )
    }

    /// Whether the block waits for the first chart to be drawn before it fetches its files: the key
    /// points sit at the top but read France's file and the file of all départements, which the
    /// first view does not need.
    pub fn waits_for_first_chart(self) -> bool {
        self == Block::KeyPoints
    }

    fn names() -> String {
        Block::ALL.map(Block::name).join(", ")
    }
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Block {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, CoreError> {
        Block::ALL
            .into_iter()
            .find(|block| block.name() == text)
            .ok_or_else(|| CoreError::UnknownView(text.to_string(), Block::names()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names users type and links keep (`embed=`, `--view`, `level=`, `map=`): derived by `strum`,
    /// pinned here.
    #[test]
    fn names_are_the_addresses_ones() {
        let names: Vec<&str> = Block::ALL.iter().map(|block| block.name()).collect();
        assert_eq!(names[..3], ["key-points", "partners", "evolution"]);
        assert_eq!(Block::TotalsExportations.name(), "totals-exportations");
        assert_eq!(Block::ImportSankeyFrance.name(), "import-sankey-france");
        assert_eq!(PeriodView::GoodsExport.name(), "goods-export");
        assert_eq!(
            crate::codes::ProductLevel::ALL.map(crate::codes::ProductLevel::name),
            ["cpf4", "a129", "a38", "a17"]
        );
        assert_eq!(
            crate::views::map::MapMeasure::StrongDependence.name(),
            "strong-dependence"
        );
    }

    #[test]
    fn every_block_name_parses_back() {
        for block in Block::ALL {
            assert_eq!(block.name().parse::<Block>(), Ok(block));
        }
        let error = "sankey".parse::<Block>().unwrap_err();
        assert!(
            error.to_string().contains("export-sankey-france"),
            "{error}"
        );
    }
}

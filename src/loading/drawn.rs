//! What a block shows once the core has computed its model: the chart option, the sentences, the
//! key points, the map's legend and the table, built once from the model.

use comex_charts::{ChartSpec, Layout};
use comex_core::blocks::BlockModel;
use comex_core::manifest::Manifest;
use comex_core::views::portrait::ViewModel;
use comex_core::views::table::ViewTable;
use std::sync::Arc;

/// What a block shows once the core has computed its model: the chart option built from the
/// model, and the model's own sentences and table. Shared (`Arc`), never copied: the chart, the
/// table and the CSV button read the same one (deep copies of the options and tables of every
/// block cost 10–15 ms of each territory switch).
#[derive(Debug, PartialEq)]
pub struct Drawn {
    pub spec: Option<Arc<ChartSpec>>,
    /// Sentences shown above the chart (the totals, the Sankey total, the exposure).
    pub summary: Vec<String>,
    /// The key points: each sentence with the block whose chart shows it.
    pub points: Vec<(String, &'static str)>,
    /// The map's classes: (colour, bounds).
    pub legend: Vec<(&'static str, String)>,
    pub table: Arc<ViewTable>,
}

impl Drawn {
    pub fn new(model: BlockModel, manifest: &Manifest, layout: Layout) -> Self {
        let points = match &model.model {
            ViewModel::KeyPoints(key_points) => key_points
                .points
                .iter()
                .map(|point| (point.text.clone(), point.block))
                .collect(),
            _ => Vec::new(),
        };
        let legend = match &model.model {
            ViewModel::Map(map) => {
                let mut legend: Vec<(&'static str, String)> = map
                    .classes
                    .iter()
                    .map(|class| {
                        let colour = comex_charts::style::map_colour(class.shades, class.shade);
                        (colour, class.label.clone())
                    })
                    .collect();
                if map.rows.iter().any(|row| row.value.is_none()) {
                    legend.push((
                        comex_charts::style::colour(comex_charts::map::NO_VALUE_GREY, layout.theme),
                        "Pas de valeur".to_string(),
                    ));
                }
                legend
            }
            _ => Vec::new(),
        };
        Drawn {
            legend,
            spec: comex_charts::option(&model.model, manifest, layout).map(Arc::new),
            summary: model.sentences,
            points,
            table: Arc::new(model.table),
        }
    }
}

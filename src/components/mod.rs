//! The page, one concern per file.

pub mod app_header;
pub mod chart;
pub mod compare_select;
pub mod dashboard;
pub mod data_table;
pub mod export;
pub mod filters;
pub mod map_measure_select;
pub mod message;
pub mod near_screen;
pub mod panic_notice;
pub mod period_select;
pub mod print;
pub mod print_intro;
pub mod territory_links;
pub mod territory_select;
pub mod view_block;

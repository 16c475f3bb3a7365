//! A French error message with a retry button, shown where the failed chart would be.

use crate::api::LoadError;
use leptos::prelude::*;

#[component]
pub fn ErrorMessage(error: LoadError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="error-message" role="alert">
            <p>{error.message_fr()}</p>
            <button type="button" on:click=move |_| retry.run(())>"Réessayer"</button>
        </div>
    }
}

/// Where an embedded block that does not apply to the territory would be: a note, not a fault.
#[component]
pub fn NotApplicable(block: comex_core::blocks::Block) -> impl IntoView {
    let text = match block.subject() {
        comex_core::blocks::Subject::Territory => {
            "Ce bloc ne s'applique pas à la France entière : elle n'est pas comparée à elle-même."
        }
        _ => "Cette comparaison ne s'applique pas à ce territoire : un territoire n'est pas comparé à lui-même.",
    };
    view! { <p class="notice" role="status">{text}</p> }
}

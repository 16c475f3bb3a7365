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

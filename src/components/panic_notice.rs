//! A panic must not leave a dead page: the hook logs it and shows a visible French message.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        if document.get_element_by_id("panic-notice").is_some() {
            return;
        }
        if let Ok(notice) = document.create_element("div") {
            notice.set_id("panic-notice");
            notice.set_attribute("role", "alert").ok();
            notice.set_text_content(Some(
                "Une erreur interne a interrompu le tableau de bord. Rechargez la page ; si l'erreur revient, \
                 signalez-la avec l'adresse de la page.",
            ));
            if let Ok(element) = notice.dyn_into::<web_sys::HtmlElement>() {
                body.prepend_with_node_1(&element).ok();
            }
        }
    }));
}

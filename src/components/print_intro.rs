//! The printed fiche's opening pages, after the seed's document: title, introduction and method
//! notes. Shown only in print (« Imprimer la fiche »); the sections follow in the seed's order.

use leptos::prelude::*;

#[component]
pub fn PrintIntro(
    territory_label: Signal<String>,
    period: Signal<String>,
    is_demo: bool,
) -> impl IntoView {
    view! {
        <section class="print-only print-intro">
            <p class="print-kicker">"Les indicateurs clés : commerce extérieur"</p>
            <h1>{move || territory_label.get()}</h1>
            <p class="print-period">{move || format!("Données douanières {}", period.get())}</p>
            {is_demo.then(|| view! {
                <p class="print-demo">"Données de démonstration : synthétiques, au format des douanes, calibrées sur les totaux publiés. Elles ne sont pas les statistiques officielles."</p>
            })}
            <h2>"Introduction"</h2>
            <p>"Ce portrait présente le commerce extérieur du territoire à partir des statistiques établies par les Douanes : "
               "les principaux pays partenaires et la balance commerciale, les principales activités à l'import et à l'export, "
               "les flux par produit et par pays, et la place du territoire dans sa région et en France."</p>
            <h2>"Précisions méthodologiques"</h2>
            <ul>
                <li>"Les données sont établies selon le lieu de dédouanement, qui ne reflète pas toujours le lieu de production : "
                    "un bien fabriqué dans un département peut être exporté depuis un autre."</li>
                <li>"La présence de grandes infrastructures de transport peut introduire des biais (par exemple, les zones "
                    "industrialo-portuaires concentrent les importations d'hydrocarbures)."</li>
                <li>"L'échelle infra-départementale n'est pas disponible ; pour un territoire à cheval sur plusieurs départements, "
                    "consultez les fiches de chacun."</li>
                <li>"Valeurs en euros : importations CAF, exportations FAB, hors matériel militaire (source : DGDDI, données "
                    "régionales et départementales du commerce extérieur, Licence Ouverte 2.0)."</li>
            </ul>
        </section>
    }
}

//! The fixed words of a guide's pages ("Step", "page 3 of 8"…) in each
//! language swapguide ships. A guide in another language gets English
//! headings around its own text.

/// Fixed words for one language.
#[derive(Debug, serde::Serialize)]
pub struct Words {
    /// "You won't need the internet for this guide".
    pub offline: &'static str,
    /// "About {n} minutes".
    pub minutes: &'static str,
    /// "Need help? Call us".
    pub call_us: &'static str,
    /// "Text us".
    pub text_us: &'static str,
    /// "Relay / TTY".
    pub tty: &'static str,
    /// "Scan to call".
    pub scan_to_call: &'static str,
    /// "Scan to text us".
    pub scan_to_text: &'static str,
    /// "What's in the box".
    pub in_the_box: &'static str,
    /// "Your old equipment" caption.
    pub old_equipment: &'static str,
    /// "Your new equipment" caption.
    pub new_equipment: &'static str,
    /// "Model".
    pub model: &'static str,
    /// "Steps" (bookmark).
    pub steps: &'static str,
    /// "Step".
    pub step: &'static str,
    /// "step" inside a sentence.
    pub step_lower: &'static str,
    /// "page" inside a sentence.
    pub page_lower: &'static str,
    /// "Page {n} of {m}".
    pub page_of: &'static str,
    /// "Caution".
    pub warning: &'static str,
    /// "Tip".
    pub tip: &'static str,
    /// "Done when".
    pub done_when: &'static str,
    /// "What the lights mean".
    pub lights: &'static str,
    /// Column headings of the light legend.
    pub light_columns: [&'static str; 3],
    /// "All good".
    pub all_good: &'static str,
    /// "Join your Wi-Fi".
    pub wifi: &'static str,
    /// "Network name".
    pub network: &'static str,
    /// "Password".
    pub password: &'static str,
    /// "Scan with your phone's camera to join".
    pub scan_to_join: &'static str,
    /// "Troubleshooting".
    pub troubleshooting: &'static str,
    /// "If it still does not work, call us".
    pub still_stuck: &'static str,
    /// "Return your old equipment".
    pub return_title: &'static str,
    /// "Put these in the box".
    pub return_items: &'static str,
    /// "Send it back within {n} days".
    pub within_days: &'static str,
    /// "Send it back by {n}." ({n} is a date).
    pub return_by: &'static str,
    /// A date: {d} day, {m} month name, {y} year ("{d} {m} {y}").
    pub date: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
    /// "Carrier".
    pub carrier: &'static str,
    /// "Return authorisation (RMA)".
    pub rma: &'static str,
    /// "No printer? Show this code at the counter".
    pub counter_code: &'static str,
    /// "Your prepaid return label".
    pub label_title: &'static str,
    /// "Cut along the dashed line and tape the label to the box".
    pub label_cut: &'static str,
    /// "Your return label arrives separately…".
    pub label_missing: &'static str,
    /// "Your prepaid return label is on the last page of your printed guide."
    pub label_in_print: &'static str,
    /// "Packing slip".
    pub packing_slip: &'static str,
    /// "Online extras".
    pub links: &'static str,
    /// "Needs internet".
    pub needs_internet: &'static str,
    /// "Write it here".
    pub write_in: &'static str,
    /// "Call support" (the button that stays on screen).
    pub call_button: &'static str,
    /// "Mark this step done".
    pub mark_done: &'static str,
    /// "Continue where you left off".
    pub continue_at: &'static str,
    /// "Start over".
    pub reset: &'static str,
    /// "Copy".
    pub copy: &'static str,
    /// "Copied".
    pub copied: &'static str,
    /// "Your progress is saved on this device."
    pub saved_here: &'static str,
    /// "Contents".
    pub contents: &'static str,
    /// "Visit our website".
    pub website: &'static str,
    /// "Guides" (the index page).
    pub guides: &'static str,
}

/// English.
pub static EN: Words = Words {
    offline: "You won't need the internet for this guide.",
    minutes: "About {n} minutes",
    call_us: "Need help? Call us",
    text_us: "Text us",
    tty: "Relay / TTY",
    scan_to_call: "Scan to call",
    scan_to_text: "Scan to text us",
    in_the_box: "What's in the box",
    old_equipment: "Your old equipment (send it back)",
    new_equipment: "Your new equipment",
    model: "Model",
    steps: "Steps",
    step: "Step",
    step_lower: "step",
    page_lower: "page",
    page_of: "Page {n} of {m}",
    warning: "Caution",
    tip: "Tip",
    done_when: "Done when",
    lights: "What the lights mean",
    light_columns: ["Light", "Looks like", "Means"],
    all_good: "All good",
    wifi: "Join your Wi-Fi",
    network: "Network name",
    password: "Password",
    scan_to_join: "Point your phone's camera at the code to join.",
    troubleshooting: "If something goes wrong",
    still_stuck: "Still stuck? Call us:",
    return_title: "Send back your old equipment",
    return_items: "Put these in the box",
    within_days: "Send it back within {n} days.",
    return_by: "Send it back by {n}.",
    date: "{d} {m} {y}",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    carrier: "Carrier",
    rma: "Return number (RMA)",
    counter_code: "No printer? Show this code at the counter",
    label_title: "Your prepaid return label",
    label_cut: "Cut along the dashed line and tape the label to the box.",
    label_missing: "Your prepaid return label is sent separately. Call us if it is missing.",
    label_in_print: "Your prepaid return label is on the last page of your printed guide.",
    packing_slip: "Packing slip: put this page in the box",
    links: "Online extras",
    needs_internet: "Needs internet",
    write_in: "write it here",
    call_button: "Call support",
    mark_done: "Mark step {n} done",
    continue_at: "Continue where you left off: step {n}",
    reset: "Start over",
    copy: "Copy",
    copied: "Copied",
    saved_here: "Ticked steps are remembered on this device.",
    contents: "Contents",
    website: "Our website",
    guides: "Guides",
};

/// Spanish.
pub static ES: Words = Words {
    offline: "No necesitará internet para seguir esta guía.",
    minutes: "Unos {n} minutos",
    call_us: "¿Necesita ayuda? Llámenos",
    text_us: "Envíenos un mensaje",
    tty: "Servicio de relé / TTY",
    scan_to_call: "Escanee para llamar",
    scan_to_text: "Escanee para escribirnos",
    in_the_box: "Qué hay en la caja",
    old_equipment: "Su equipo anterior (devuélvalo)",
    new_equipment: "Su equipo nuevo",
    model: "Modelo",
    steps: "Pasos",
    step: "Paso",
    step_lower: "paso",
    page_lower: "página",
    page_of: "Página {n} de {m}",
    warning: "Precaución",
    tip: "Consejo",
    done_when: "Listo cuando",
    lights: "Qué significan las luces",
    light_columns: ["Luz", "Cómo se ve", "Significa"],
    all_good: "Todo bien",
    wifi: "Conéctese a su Wi-Fi",
    network: "Nombre de la red",
    password: "Contraseña",
    scan_to_join: "Apunte la cámara de su teléfono al código para conectarse.",
    troubleshooting: "Si algo sale mal",
    still_stuck: "¿Sigue sin funcionar? Llámenos:",
    return_title: "Devuelva su equipo anterior",
    return_items: "Ponga esto en la caja",
    within_days: "Devuélvalo en un plazo de {n} días.",
    return_by: "Devuélvalo a más tardar el {n}.",
    date: "{d} de {m} de {y}",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    carrier: "Transportista",
    rma: "Número de devolución (RMA)",
    counter_code: "¿No tiene impresora? Muestre este código en el mostrador",
    label_title: "Su etiqueta de devolución prepagada",
    label_cut: "Recorte por la línea discontinua y pegue la etiqueta en la caja.",
    label_missing: "Su etiqueta de devolución prepagada llega por separado. Llámenos si no la tiene.",
    label_in_print: "Su etiqueta de devolución prepagada está en la última página de su guía impresa.",
    packing_slip: "Hoja de embalaje: ponga esta página en la caja",
    links: "Extras en línea",
    needs_internet: "Necesita internet",
    write_in: "escríbalo aquí",
    call_button: "Llamar a soporte",
    mark_done: "Marcar el paso {n} como hecho",
    continue_at: "Continúe donde lo dejó: paso {n}",
    reset: "Empezar de nuevo",
    copy: "Copiar",
    copied: "Copiado",
    saved_here: "Los pasos marcados se recuerdan en este dispositivo.",
    contents: "Contenido",
    website: "Nuestro sitio web",
    guides: "Guías",
};

/// The words for a language tag (`es-MX` → Spanish); English otherwise.
pub fn for_language(tag: &str) -> &'static Words {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "es" => &ES,
        _ => &EN,
    }
}

/// Fills `{n}` and `{m}` in a phrase.
pub fn fill(phrase: &str, n: impl std::fmt::Display, m: impl std::fmt::Display) -> String {
    phrase
        .replace("{n}", &n.to_string())
        .replace("{m}", &m.to_string())
}

impl Words {
    /// A date written out in this language: "20 December 2026",
    /// "20 de diciembre de 2026".
    pub fn date_text(&self, date: time::Date) -> String {
        let month = self.months[usize::from(u8::from(date.month())) - 1];
        self.date
            .replace("{d}", &date.day().to_string())
            .replace("{m}", month)
            .replace("{y}", &date.year().to_string())
    }
}

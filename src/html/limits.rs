//! Bounds on what a template may do: a custom `--templates` file is run
//! for every page, so nested `range()` loops or a runaway `{% for %}`
//! must end with an error that names the template, never hang a build or
//! fill the disk (tera's own bound is per `range()` call, and nested loops
//! multiply it).

use std::cell::Cell;
use std::io::{self, Write};

/// Items all `range()` calls of one page may make together.
pub const RANGE_ITEMS: i128 = 100_000;

/// Most bytes one rendered page may be: far above a 500-step guide with
/// its pictures inlined.
pub const MAX_PAGE_BYTES: usize = 128 << 20;

thread_local! {
    /// The `range()` items left to the page being rendered on this thread
    /// (a page renders on one thread; it holds no guide data).
    static RANGE_LEFT: Cell<i128> = const { Cell::new(RANGE_ITEMS) };
}

/// Starts a page's budget.
pub fn start_page() {
    RANGE_LEFT.set(RANGE_ITEMS);
}

/// tera's `range(start=0, end, step_by=1)`, counting its items against the
/// page's budget.
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("range() was called with step_by=0"));
    }
    // Saturating: an overflowing range is simply over budget.
    let span = if step > 0 {
        end.saturating_sub(start)
    } else {
        start.saturating_sub(end)
    };
    let len = if span <= 0 {
        0
    } else {
        span.saturating_add(step.saturating_abs() - 1) / step.saturating_abs()
    };
    let left = RANGE_LEFT.get();
    if len > left {
        RANGE_LEFT.set(0);
        return Err(tera::Error::message(format!(
            "range() calls make over {RANGE_ITEMS} items in all on one page (nested loops multiply them); loop over fewer"
        )));
    }
    RANGE_LEFT.set(left - len);
    Ok((0..len).map(|i| start + i * step).collect())
}

/// A page being written, refused past [`MAX_PAGE_BYTES`].
#[derive(Default)]
pub struct Page {
    /// What was written.
    pub bytes: Vec<u8>,
    /// Set when a write was refused (tera reports only "Io error").
    pub full: bool,
}

/// Why a full page stopped.
pub fn too_big() -> String {
    format!(
        "the page would be over {} MB, so the template was stopped (a loop that writes without end?)",
        MAX_PAGE_BYTES >> 20
    )
}

impl Write for Page {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + bytes.len() > MAX_PAGE_BYTES {
            self.full = true;
            return Err(io::Error::other(too_big()));
        }
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        tera.register_function("range", range);
        tera.add_raw_template("t", source)
            .map_err(|e| e.to_string())?;
        start_page();
        let mut page = Page::default();
        tera.render_to("t", &tera::Context::new(), &mut page)
            .map_err(|e| format!("{e:?}"))?;
        Ok(String::from_utf8_lossy(&page.bytes).into_owned())
    }

    #[test]
    fn ranges_count_against_one_budget_per_page() {
        assert_eq!(
            render("{% for i in range(end=3) %}{{ i }}{% endfor %}").unwrap(),
            "012"
        );
        assert_eq!(
            render("{% for i in range(start=10, end=0, step_by=-4) %}{{ i }},{% endfor %}")
                .unwrap(),
            "10,6,2,"
        );
        let nested =
            "{% for i in range(end=1000) %}{% for j in range(end=1000) %}{% endfor %}{% endfor %}";
        let e = render(nested).unwrap_err();
        assert!(e.contains("over 100000 items"), "{e}");
        // The next page starts afresh.
        assert!(render("{% for i in range(end=50000) %}{% endfor %}").is_ok());
    }

    #[test]
    fn a_page_stops_at_its_size_bound() {
        let mut page = Page::default();
        let big = vec![b'x'; MAX_PAGE_BYTES];
        page.write_all(&big).unwrap();
        let err = page.write_all(b"x").unwrap_err();
        assert!(err.to_string().contains("over 128 MB"), "{err}");
        assert!(page.full);
    }
}

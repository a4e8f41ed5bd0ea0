//! Saved web pages (`.html`, `.htm`) read as articles: the article's text, its title, and
//! outlet, date, author and URL from the page's meta tags. Nothing is fetched: links,
//! images and scripts are ignored.
//!
//! Text: the paragraphs, headings, list items, block quotes and preformatted blocks of the
//! page's `<article>` (else `<main>`, else `<body>`), outside navigation, headers,
//! footers, asides, forms, figures, scripts and styles; one block per line, with runs of
//! ASCII white space inside a block collapsed to one space (a no-break space is kept, it
//! is part of the text). A page without such blocks gives its body's text.
//!
//! Metadata, first found wins: title `og:title`, `twitter:title`, `<title>`, the first
//! `<h1>`; outlet `og:site_name`, `application-name`; date `article:published_time`,
//! `datePublished` (itemprop), `date`, `pubdate`, `dc.date`, `<time datetime>`; author
//! `author`, `article:author`, `dc.creator`, `byline`; URL `<link rel="canonical">`,
//! `og:url`.

use crate::model::Metadata;
use scraper::{ElementRef, Html, Selector};

/// Elements whose text is never article text.
const SKIP: [&str; 12] = [
    "nav", "header", "footer", "aside", "form", "figure", "script", "style", "noscript",
    "template", "button", "svg",
];

/// Elements read as one block each.
const BLOCKS: [&str; 10] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
];

/// An HTML page's article: title (may be empty), text, metadata.
#[derive(Debug)]
pub struct HtmlArticle {
    /// The headline.
    pub title: String,
    /// The text, blocks separated by `\n`.
    pub text: String,
    /// Outlet, date, author, URL.
    pub metadata: Metadata,
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn meta(doc: &Html, keys: &[&str]) -> String {
    for key in keys {
        for attr in ["property", "name", "itemprop"] {
            let Some(sel) = selector(&format!("meta[{attr}=\"{key}\" i]")) else {
                continue;
            };
            if let Some(v) = doc
                .select(&sel)
                .filter_map(|e| e.value().attr("content"))
                .map(str::trim)
                .find(|v| !v.is_empty())
            {
                return v.to_owned();
            }
        }
    }
    String::new()
}

fn first_text(doc: &Html, css: &str) -> String {
    selector(css)
        .and_then(|s| {
            doc.select(&s)
                .next()
                .map(|e| collapse(&e.text().collect::<String>()))
        })
        .unwrap_or_default()
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> String {
    selector(css)
        .and_then(|s| {
            doc.select(&s)
                .find_map(|e| e.value().attr(attr).map(|v| v.trim().to_owned()))
        })
        .unwrap_or_default()
}

/// Runs of ASCII white space become one space; ends trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The text of an element: `<br>` is a line break, skipped elements are left out, and
/// each line's ASCII white space is collapsed; empty lines are dropped.
fn block_text(e: &ElementRef<'_>) -> String {
    let mut raw = String::new();
    let mut stack: Vec<_> = e.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            scraper::Node::Text(t) => raw.extend(
                t.chars()
                    .map(|c| if c.is_ascii_whitespace() { ' ' } else { c }),
            ),
            scraper::Node::Element(el) if el.name() == "br" => raw.push('\n'),
            scraper::Node::Element(el) if SKIP.contains(&el.name()) => {}
            scraper::Node::Element(_) => stack.extend(node.children().rev()),
            _ => {}
        }
    }
    let lines: Vec<String> = raw
        .split('\n')
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn skipped(e: &ElementRef<'_>) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| SKIP.contains(&a.value().name()))
}

fn inside_block(e: &ElementRef<'_>) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| BLOCKS.contains(&a.value().name()))
}

/// Reads the article out of an HTML page.
pub fn read(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(html);
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|css| selector(css))
        .find_map(|s| doc.select(&s).next());
    let mut blocks = Vec::new();
    if let (Some(root), Some(sel)) = (root, selector(&BLOCKS.join(", "))) {
        for e in root.select(&sel) {
            if skipped(&e) || inside_block(&e) {
                continue;
            }
            let block = if e.value().name() == "pre" {
                let raw: String = e.text().collect();
                raw.trim_matches('\n').to_owned()
            } else {
                block_text(&e)
            };
            if !block.is_empty() {
                blocks.push(block);
            }
        }
        if blocks.is_empty() {
            let text = block_text(&root);
            if !text.is_empty() {
                blocks.push(text);
            }
        }
    }
    let mut title = meta(&doc, &["og:title", "twitter:title"]);
    if title.is_empty() {
        title = first_text(&doc, "title");
    }
    if title.is_empty() {
        title = first_text(&doc, "h1");
    }
    let mut date = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "dc.date",
        ],
    );
    if date.is_empty() {
        date = first_attr(&doc, "time[datetime]", "datetime");
    }
    let mut url = first_attr(&doc, "link[rel=\"canonical\" i]", "href");
    if url.is_empty() {
        url = meta(&doc, &["og:url"]);
    }
    HtmlArticle {
        title,
        text: blocks.join("\n"),
        metadata: Metadata {
            outlet: meta(&doc, &["og:site_name", "application-name"]),
            date,
            url,
            author: meta(&doc, &["author", "article:author", "dc.creator", "byline"]),
            custom: Default::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_title_and_meta_tags() {
        let page = r#"<!doctype html><html><head>
            <title>Bridge row | Northgate Post</title>
            <meta property="og:title" content="Mayor: “It’s a disgrace”">
            <meta property="og:site_name" content="Northgate Post">
            <meta property="article:published_time" content="2026-05-04T10:00:00Z">
            <meta name="author" content="Ana Petrović">
            <link rel="canonical" href="https://example.org/bridge">
            <script>var x = "<p>not text</p>";</script>
            </head><body><nav><p>Home</p></nav>
            <article><h1>Mayor:   “It’s a disgrace”</h1>
            <p>“It’s a disgrace,” said Ms&nbsp;Παπαδάκη 😤,
               the mayor.</p>
            <blockquote><p>Quoted e&#x301;tat</p></blockquote>
            <figure><figcaption>Photo</figcaption></figure>
            <ul><li>One</li><li>Two</li></ul></article>
            <footer><p>© Post</p></footer></body></html>"#;
        let a = read(page);
        assert_eq!(a.title, "Mayor: “It’s a disgrace”");
        assert_eq!(
            a.text,
            "Mayor: “It’s a disgrace”\n“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤, the mayor.\nQuoted e\u{301}tat\nOne\nTwo"
        );
        assert_eq!(a.metadata.outlet, "Northgate Post");
        assert_eq!(a.metadata.date, "2026-05-04T10:00:00Z");
        assert_eq!(a.metadata.author, "Ana Petrović");
        assert_eq!(a.metadata.url, "https://example.org/bridge");
    }

    #[test]
    fn a_page_without_blocks_gives_its_body_text() {
        let a = read("<html><body>Just   text<br>here</body></html>");
        assert_eq!(a.text, "Just text\nhere");
        assert_eq!(a.title, "");
    }
}

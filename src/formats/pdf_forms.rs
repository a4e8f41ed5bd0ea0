//! A check of a PDF's nested drawings before its text is read. A page may draw a "form"
//! (a reusable drawing, `Do`), which may draw others; `pdf-extract` follows them by
//! recursion without a limit, so a form that draws itself overflows the stack — which no
//! `catch_unwind` survives — and forms that each draw the next twice, forty deep, would
//! take longer than the universe. Both are refused here, with what was found, before
//! extraction starts.

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// Most forms drawn on one page, counting each repeat (an ordinary page draws a few).
pub const MAX_FORM_DRAWS: u64 = 100_000;

/// Deepest nesting of forms (ordinary files nest two or three).
pub const MAX_FORM_DEPTH: usize = 32;

/// Resources in force: the form's own, else its caller's (as `pdf-extract` resolves them),
/// innermost first.
type Scope<'a> = Vec<&'a Dictionary>;

/// Forms already counted, by form and the resources they were drawn with.
type Memo = HashMap<(ObjectId, usize), u64>;

/// Refuses a document whose forms draw themselves, nest too deep or draw too often; the
/// error says which, lower-case.
pub fn check(doc: &Document) -> Result<(), String> {
    let mut memo = Memo::new();
    for (number, page) in doc.get_pages() {
        let Ok(content) = doc.get_page_content(page) else {
            continue;
        };
        let scope = page_scope(doc, page);
        let draws = draws_in(doc, &content, &scope, &mut Vec::new(), &mut memo)
            .map_err(|e| format!("page {number}: {e}"))?;
        if draws > MAX_FORM_DRAWS {
            return Err(format!(
                "page {number} draws nested forms more than {MAX_FORM_DRAWS} times; \
                 the file looks built to never finish"
            ));
        }
    }
    Ok(())
}

/// A page's resources, its own and those it inherits from the page tree.
fn page_scope(doc: &Document, page: ObjectId) -> Scope<'_> {
    let Ok((own, inherited)) = doc.get_page_resources(page) else {
        return Vec::new();
    };
    own.into_iter()
        .chain(
            inherited
                .into_iter()
                .filter_map(|id| doc.get_dictionary(id).ok()),
        )
        .collect()
}

/// How many forms `content` draws, counting what they draw in turn. `stack` holds the
/// forms being drawn, to find one that draws itself.
fn draws_in(
    doc: &Document,
    content: &[u8],
    scope: &Scope<'_>,
    stack: &mut Vec<ObjectId>,
    memo: &mut Memo,
) -> Result<u64, String> {
    let Ok(content) = Content::decode(content) else {
        return Ok(0);
    };
    let mut total: u64 = 0;
    for op in content.operations.iter().filter(|op| op.operator == "Do") {
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
            continue;
        };
        let Some(form) = form_named(doc, scope, name) else {
            continue;
        };
        total = total.saturating_add(draws_of(doc, form, scope, stack, memo)?);
        if total > MAX_FORM_DRAWS {
            break;
        }
    }
    Ok(total)
}

/// How many forms drawing `form` draws, itself included.
fn draws_of(
    doc: &Document,
    form: ObjectId,
    caller: &Scope<'_>,
    stack: &mut Vec<ObjectId>,
    memo: &mut Memo,
) -> Result<u64, String> {
    if stack.contains(&form) {
        return Err(format!(
            "form {} {} draws itself; the file would never finish",
            form.0, form.1
        ));
    }
    if stack.len() >= MAX_FORM_DEPTH {
        return Err(format!("forms nest more than {MAX_FORM_DEPTH} deep"));
    }
    let Ok(stream) = doc.get_object(form).and_then(Object::as_stream) else {
        return Ok(1);
    };
    let own = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, r)| r.as_dict().ok());
    let scope: Scope<'_> = match own {
        Some(dict) => vec![dict],
        None => caller.clone(),
    };
    let key = (
        form,
        scope.first().map_or(0, |d| std::ptr::from_ref(*d) as usize),
    );
    if let Some(&n) = memo.get(&key) {
        return Ok(n);
    }
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    stack.push(form);
    let inner = draws_in(doc, &content, &scope, stack, memo);
    stack.pop();
    let n = inner?.saturating_add(1);
    memo.insert(key, n);
    Ok(n)
}

/// The form XObject called `name` in the first resources of `scope` that name one.
fn form_named(doc: &Document, scope: &Scope<'_>, name: &[u8]) -> Option<ObjectId> {
    scope.iter().find_map(|resources| {
        let (_, xobjects) = doc.dereference(resources.get(b"XObject").ok()?).ok()?;
        let id = xobjects
            .as_dict()
            .ok()?
            .get(name)
            .ok()?
            .as_reference()
            .ok()?;
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        let subtype = stream.dict.get(b"Subtype").ok()?.as_name().ok()?;
        (subtype == b"Form").then_some(id)
    })
}

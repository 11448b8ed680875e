//! `GET /__vpagen/edit/form?path=content/…`: what the editor needs to show a form for
//! one content file, generated from the types.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Editor, refuse};

impl Editor {
    /// The form of a content file.
    pub(super) fn form(&self, _req: &Request) -> Response {
        refuse(StatusCode::NOT_IMPLEMENTED, "not implemented\n")
    }
}

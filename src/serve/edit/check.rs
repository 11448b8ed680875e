//! `POST /__vpagen/edit/check`: the diagnostics of `vpagen check` for the site with
//! a form's changes applied in memory.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Editor, refuse};

impl Editor {
    /// Checks the site with the changes of a form, writing nothing.
    pub(super) async fn check(&self, _req: Request) -> Response {
        refuse(StatusCode::NOT_IMPLEMENTED, "not implemented\n")
    }
}

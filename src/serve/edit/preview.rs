//! `POST /__vpagen/edit/preview`: Markdown of a form rendered by the site's pipeline.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Editor, refuse};

impl Editor {
    /// Renders Markdown as the build would.
    pub(super) async fn preview(&self, _req: Request) -> Response {
        refuse(StatusCode::NOT_IMPLEMENTED, "not implemented\n")
    }
}

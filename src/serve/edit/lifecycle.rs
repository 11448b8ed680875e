//! `POST /__vpagen/edit/new` and `POST /__vpagen/edit/delete`: creating a content file
//! from the starter of its type, and moving one into the trash folder.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Editor, refuse};

impl Editor {
    /// Creates a content file.
    pub(super) async fn create(&self, _req: Request) -> Response {
        refuse(StatusCode::NOT_IMPLEMENTED, "not implemented\n")
    }

    /// Moves a content file into the trash folder, unless other items refer to it.
    pub(super) async fn delete(&self, _req: Request) -> Response {
        refuse(StatusCode::NOT_IMPLEMENTED, "not implemented\n")
    }
}

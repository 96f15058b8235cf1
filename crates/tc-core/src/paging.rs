//! Paging: a resumable cursor over `resultStart`/`resultLimit`, and an async
//! stream of items on top of it.

use std::collections::VecDeque;

use futures_core::Stream;

use crate::call::Call;
use crate::client::Client;
use crate::error::Result;
use crate::transport::Transport;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total number of matching items; the service sends it only when
    /// `resultStart` is 0.
    pub result_count: Option<u64>,
}

/// A page-at-a-time cursor over a list call.
///
/// The cursor is plain data: [`Cursor::page_call`] gives the call for the
/// next page and [`Cursor::advance`] records a page that arrived, so a caller
/// can drive the I/O itself, store [`Cursor::position`] and
/// [`resume`](Cursor::resume) later.
#[derive(Debug, Clone)]
pub struct Cursor<T> {
    call: Call<Page<T>>,
    start: u64,
    limit: u32,
    total: Option<u64>,
    done: bool,
}

impl<T> Cursor<T> {
    /// A cursor from the first item, `limit` items a page (clamped to 1..=10,000).
    pub fn new(call: Call<Page<T>>, limit: u32) -> Self {
        Cursor::resume(call, 0, limit)
    }

    /// A cursor that continues at `start`.
    pub fn resume(call: Call<Page<T>>, start: u64, limit: u32) -> Self {
        Cursor {
            call,
            start,
            limit: limit.clamp(1, crate::MAX_RESULT_LIMIT),
            total: None,
            done: false,
        }
    }

    /// Offset of the next item to fetch (`resultStart` of the next page).
    pub fn position(&self) -> u64 {
        self.start
    }

    /// The total count, once the first page has told it.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Whether the last page has been seen.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The call for the next page.
    pub fn page_call(&self) -> Call<Page<T>> {
        self.call
            .clone()
            .result_start(self.start)
            .result_limit(self.limit)
    }

    /// Records a page that arrived for [`Cursor::page_call`].
    pub fn advance(&mut self, page: &Page<T>) {
        if self.total.is_none() {
            self.total = page.result_count;
        }
        let n = page.items.len() as u64;
        self.start += n;
        let short = n < u64::from(self.limit);
        let complete = self.total.is_some_and(|t| self.start >= t);
        self.done = n == 0 || short || complete;
    }

    /// Fetches the next page, or `None` when the list is exhausted.
    pub async fn next_page<Tr: Transport>(
        &mut self,
        client: &Client<Tr>,
    ) -> Result<Option<Page<T>>> {
        if self.done {
            return Ok(None);
        }
        let page = self.page_call().send(client).await?;
        self.advance(&page);
        Ok(Some(page))
    }

    /// All items as a stream, fetching pages as they are consumed. The
    /// stream ends after the first error.
    pub fn into_stream<Tr: Transport>(
        self,
        client: &Client<Tr>,
    ) -> impl Stream<Item = Result<T>> + '_
    where
        T: 'static,
    {
        let state = (self, VecDeque::<T>::new(), false);
        futures_util::stream::unfold(state, move |(mut cursor, mut buffer, failed)| async move {
            if failed {
                return None;
            }
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Some((Ok(item), (cursor, buffer, false)));
                }
                match cursor.next_page(client).await {
                    Ok(Some(page)) => buffer.extend(page.items),
                    Ok(None) => return None,
                    Err(e) => return Some((Err(e), (cursor, buffer, true))),
                }
            }
        })
    }
}

//! The bulk CSV report read as a stream: rows come out as chunks go in,
//! so a report of any size is never held whole.

use csv_core::{ReadFieldResult, Reader};

use crate::api::{BulkFormat, indicators};
use crate::client::Client;
use crate::download::Progress;
use crate::error::{Error, Result};
use crate::transport::Transport;

/// One row of `/v2/indicators/bulk/csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkCsvRow {
    /// The type name (`Host`, `Address`, …).
    pub kind: String,
    /// The indicator's value.
    pub value: String,
    /// Rating (`null` in the report is `None`).
    pub rating: Option<f64>,
    /// Confidence (`null` in the report is `None`).
    pub confidence: Option<i64>,
}

/// An incremental reader of the bulk CSV report.
#[derive(Debug)]
pub struct BulkCsvReader {
    reader: Reader,
    field: Vec<u8>,
    record: Vec<String>,
    line: u64,
    header_seen: bool,
}

impl Default for BulkCsvReader {
    fn default() -> Self {
        BulkCsvReader::new()
    }
}

impl BulkCsvReader {
    /// A reader at the start of a report.
    pub fn new() -> Self {
        BulkCsvReader {
            reader: Reader::new(),
            field: Vec::new(),
            record: Vec::new(),
            line: 1,
            header_seen: false,
        }
    }

    /// Reads a chunk and returns the rows it completed.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<Vec<BulkCsvRow>> {
        let mut rows = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            // csv-core reads an empty input as the end of the report, so an
            // exhausted chunk must end the loop instead.
            if chunk.is_empty() {
                return Ok(rows);
            }
            let (result, read, written) = self.reader.read_field(chunk, &mut buf);
            chunk = chunk.get(read..).unwrap_or_default();
            self.field
                .extend_from_slice(buf.get(..written).unwrap_or_default());
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    let field = std::mem::take(&mut self.field);
                    self.record
                        .push(String::from_utf8_lossy(&field).into_owned());
                    if record_end && let Some(row) = self.end_record()? {
                        rows.push(row);
                    }
                }
                ReadFieldResult::End => return Ok(rows),
            }
        }
    }

    /// Ends the report and returns the last row, if it had no line break.
    pub fn finish(mut self) -> Result<Vec<BulkCsvRow>> {
        let mut rows = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            let (result, _, written) = self.reader.read_field(&[], &mut buf);
            self.field
                .extend_from_slice(buf.get(..written).unwrap_or_default());
            match result {
                ReadFieldResult::Field { record_end } => {
                    let field = std::mem::take(&mut self.field);
                    self.record
                        .push(String::from_utf8_lossy(&field).into_owned());
                    if record_end && let Some(row) = self.end_record()? {
                        rows.push(row);
                    }
                }
                ReadFieldResult::End | ReadFieldResult::InputEmpty => return Ok(rows),
                ReadFieldResult::OutputFull => {}
            }
        }
    }

    fn end_record(&mut self) -> Result<Option<BulkCsvRow>> {
        let record = std::mem::take(&mut self.record);
        let line = self.line;
        self.line += 1;
        if record.iter().all(|f| f.trim().is_empty()) {
            return Ok(None);
        }
        if !self.header_seen {
            self.header_seen = true;
            if record
                .first()
                .is_some_and(|f| f.eq_ignore_ascii_case("type"))
            {
                return Ok(None);
            }
        }
        let bad = |what: &str| Error::Parse {
            path: format!("line {line}"),
            message: what.to_string(),
            excerpt: record.join(","),
        };
        let [kind, value, rating, confidence] = record.as_slice() else {
            return Err(bad("expected 4 fields: Type,Value,Rating,Confidence"));
        };
        let number =
            |s: &str| (!s.trim().is_empty() && s.trim() != "null").then(|| s.trim().to_string());
        let rating = match number(rating) {
            Some(r) => Some(
                r.parse::<f64>()
                    .map_err(|_| bad("the rating is not a number"))?,
            ),
            None => None,
        };
        let confidence = match number(confidence) {
            Some(c) => Some(
                c.parse::<i64>()
                    .map_err(|_| bad("the confidence is not an integer"))?,
            ),
            None => None,
        };
        Ok(Some(BulkCsvRow {
            kind: kind.clone(),
            value: value.clone(),
            rating,
            confidence,
        }))
    }
}

impl<T: Transport> Client<T> {
    /// Streams the bulk CSV report of `owner` (the default owner when
    /// `None`), calling `on_row` for every row as it arrives.
    pub async fn bulk_csv(
        &self,
        owner: Option<&str>,
        on_row: &mut dyn FnMut(BulkCsvRow, Progress),
    ) -> Result<Progress> {
        let mut call = indicators().bulk_raw(BulkFormat::Csv);
        if let Some(owner) = owner {
            call = call.owner(owner);
        }
        let mut reader = BulkCsvReader::new();
        let mut failure = None;
        let progress = self
            .download(&call, &mut |chunk, p| {
                if failure.is_some() {
                    return;
                }
                match reader.feed(chunk) {
                    Ok(rows) => rows.into_iter().for_each(|r| on_row(r, p)),
                    Err(e) => failure = Some(e),
                }
            })
            .await?;
        if let Some(e) = failure {
            return Err(e);
        }
        for row in reader.finish()? {
            on_row(row, progress);
        }
        Ok(progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_across_any_chunking() {
        let report = b"Type,Value,Rating,Confidence\r\nHost,example.com,null,null\nAddress,192.168.31.136,3.00,0\nURL,\"http://x.example/a,b\",5.00,90";
        for size in [1usize, 2, 3, 7, 64, 4096] {
            let mut reader = BulkCsvReader::new();
            let mut rows = Vec::new();
            for chunk in report.chunks(size) {
                rows.extend(reader.feed(chunk).unwrap());
            }
            rows.extend(reader.finish().unwrap());
            assert_eq!(rows.len(), 3, "chunk size {size}");
            assert_eq!(
                rows[0],
                BulkCsvRow {
                    kind: "Host".into(),
                    value: "example.com".into(),
                    rating: None,
                    confidence: None
                }
            );
            assert_eq!(rows[1].rating, Some(3.0));
            assert_eq!(rows[2].value, "http://x.example/a,b");
        }
    }

    #[test]
    fn bad_rows_are_typed_errors() {
        let mut reader = BulkCsvReader::new();
        let e = reader
            .feed(b"Type,Value,Rating,Confidence\nHost,only-two\n")
            .unwrap_err();
        assert_eq!(e.code(), "parse");
        let mut reader = BulkCsvReader::new();
        assert!(reader.feed(b"Host,x,high,1\n").is_err());
    }
}

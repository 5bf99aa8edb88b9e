//! Writing a snapshot's body: a serde serializer of the format described in the module above.

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::tag;

/// Why a value cannot be written (never for a document: see [`Writer::finish`]).
#[derive(Debug)]
pub(crate) struct EncodeError(String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        EncodeError(msg.to_string())
    }
}

type Res = Result<(), EncodeError>;

/// The encoder: the bytes so far and the key table.
pub(crate) struct Writer {
    out: Vec<u8>,
    /// Keys by their text.
    keys: HashMap<String, u32>,
    /// Struct field names (`&'static str`) by address and length, a shortcut past hashing
    /// their text.
    fields: HashMap<(usize, usize), u32>,
}

impl Writer {
    pub(crate) fn new(out: Vec<u8>) -> Writer {
        Writer {
            out,
            keys: HashMap::new(),
            fields: HashMap::new(),
        }
    }

    /// The bytes written.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }

    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    fn string(&mut self, s: &str) {
        self.out.push(tag::STRING);
        self.uint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A container's tag and a count to be filled in by [`Compound::end`].
    fn open(&mut self, t: u8) -> Compound<'_> {
        self.out.push(t);
        let at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        Compound {
            w: self,
            at,
            count: 0,
        }
    }

    /// A key: its number in the table, or a new entry.
    fn key(&mut self, k: &str) {
        match self.keys.get(k) {
            Some(&n) => self.uint(u64::from(n) + 1),
            None => {
                self.new_key(k);
            }
        }
    }

    /// A struct field's name, looked up by address first.
    fn field(&mut self, k: &'static str) {
        let addr = (k.as_ptr() as usize, k.len());
        if let Some(&n) = self.fields.get(&addr) {
            return self.uint(u64::from(n) + 1);
        }
        let n = match self.keys.get(k) {
            Some(&n) => {
                self.uint(u64::from(n) + 1);
                n
            }
            None => self.new_key(k),
        };
        self.fields.insert(addr, n);
    }

    fn new_key(&mut self, k: &str) -> u32 {
        let n = self.keys.len() as u32;
        self.keys.insert(k.to_string(), n);
        self.out.push(0);
        self.uint(k.len() as u64);
        self.out.extend_from_slice(k.as_bytes());
        n
    }
}

/// An array or object being written; its count is written at the end.
pub(crate) struct Compound<'w> {
    w: &'w mut Writer,
    at: usize,
    count: u64,
}

impl Compound<'_> {
    fn end(self) -> Res {
        let n = u32::try_from(self.count)
            .map_err(|_| EncodeError("more than 4,294,967,295 elements in one container".into()))?;
        self.w.out[self.at..self.at + 4].copy_from_slice(&n.to_le_bytes());
        Ok(())
    }

    fn element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.count += 1;
        v.serialize(&mut *self.w)
    }

    fn entry<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> Res {
        self.count += 1;
        self.w.field(k);
        v.serialize(&mut *self.w)
    }
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Variant<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Variant<'w>;

    fn serialize_bool(self, v: bool) -> Res {
        self.out.push(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Res {
        if v >= 0 {
            return self.serialize_u64(v as u64);
        }
        self.out.push(tag::NEGATIVE);
        // -1 -> 0, i64::MIN -> 2^63 - 1
        self.uint(!(v as u64));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Res {
        self.out.push(tag::UNSIGNED);
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Res {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.out.push(tag::FLOAT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Res {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Res {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        let mut c = self.open(tag::ARRAY);
        for b in v {
            c.element(b)?;
        }
        c.end()
    }
    fn serialize_none(self) -> Res {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.out.push(tag::NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Res {
        let mut c = self.open(tag::OBJECT);
        c.entry(variant, v)?;
        c.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w>, EncodeError> {
        Ok(self.open(tag::ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w>, EncodeError> {
        Ok(self.open(tag::ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'w>, EncodeError> {
        Ok(self.open(tag::ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'w>, EncodeError> {
        Variant::open(self, variant, tag::ARRAY)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w>, EncodeError> {
        Ok(self.open(tag::OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w>, EncodeError> {
        Ok(self.open(tag::OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'w>, EncodeError> {
        Variant::open(self, variant, tag::OBJECT)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Res {
        self.count += 1;
        let k = k.serialize(KeyText)?;
        self.w.key(&k);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> Res {
        self.entry(k, v)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

/// An enum variant with data: an object of one entry, the variant's name to its data.
pub(crate) struct Variant<'w> {
    /// The inner container (the outer object's count is written when it opens).
    inner: Compound<'w>,
}

impl<'w> Variant<'w> {
    fn open(w: &'w mut Writer, variant: &'static str, inner: u8) -> Result<Self, EncodeError> {
        w.out.push(tag::OBJECT);
        w.out.extend_from_slice(&1u32.to_le_bytes());
        w.field(variant);
        Ok(Variant {
            inner: w.open(inner),
        })
    }
}

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.inner.element(v)
    }
    fn end(self) -> Res {
        self.inner.end()
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> Res {
        self.inner.entry(k, v)
    }
    fn end(self) -> Res {
        self.inner.end()
    }
}

/// A map key as text: strings as they are, numbers and booleans written out (as JSON keys
/// would hold them).
struct KeyText;

fn not_text() -> EncodeError {
    EncodeError("a map key that is not text".into())
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = EncodeError;
    type SerializeSeq = Impossible<String, EncodeError>;
    type SerializeTuple = Impossible<String, EncodeError>;
    type SerializeTupleStruct = Impossible<String, EncodeError>;
    type SerializeTupleVariant = Impossible<String, EncodeError>;
    type SerializeMap = Impossible<String, EncodeError>;
    type SerializeStruct = Impossible<String, EncodeError>;
    type SerializeStructVariant = Impossible<String, EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_f64(self, _: f64) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_char(self, v: char) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_none(self) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<String, EncodeError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, EncodeError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, EncodeError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, EncodeError> {
        Err(not_text())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, EncodeError> {
        Err(not_text())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, EncodeError> {
        Err(not_text())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, EncodeError> {
        Err(not_text())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(not_text())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, EncodeError> {
        Err(not_text())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, EncodeError> {
        Err(not_text())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(not_text())
    }
}

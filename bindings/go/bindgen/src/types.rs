//! How each supported UniFFI type looks in Go and crosses the FFI. Anything else is an error
//! naming the construct, never half-generated code.

use anyhow::{Result, bail};
use uniffi_bindgen::ComponentInterface;
use uniffi_bindgen::interface::{FfiType, Type};

use crate::names;

/// Rejects what this generator does not support, naming it.
pub fn check(ci: &ComponentInterface, ty: &Type, what: &str) -> Result<()> {
    match ty {
        Type::Boolean
        | Type::UInt16
        | Type::UInt32
        | Type::UInt64
        | Type::String
        | Type::Bytes
        | Type::Record { .. } => Ok(()),
        Type::Enum { name, .. } if ci.is_name_used_as_error(name) => {
            bail!("{what}: the error enum {name} as a value is not supported")
        }
        Type::Enum { .. } => Ok(()),
        Type::Optional { inner_type } | Type::Sequence { inner_type } => {
            if matches!(**inner_type, Type::Object { .. }) {
                bail!("{what}: objects inside optionals or sequences are not supported")
            }
            check(ci, inner_type, what)
        }
        other => bail!("{what}: the type {other:?} is not supported by uniffi-bindgen-go"),
    }
}

/// Whether `ty` is an enum with fields: in Go a sealed interface, one struct per variant,
/// so its optional is the interface itself (nil for None) rather than a pointer to it.
pub fn is_sealed(ci: &ComponentInterface, ty: &Type) -> bool {
    match ty {
        Type::Enum { name, .. } => ci.get_enum_definition(name).is_some_and(|e| !e.is_flat()),
        _ => false,
    }
}

/// A name for generated helpers of the type: `OptionalString`, `SequenceSyncBlob`.
pub fn canonical(ty: &Type) -> String {
    match ty {
        Type::Boolean => "Bool".into(),
        Type::UInt16 => "U16".into(),
        Type::UInt32 => "U32".into(),
        Type::UInt64 => "U64".into(),
        Type::String => "String".into(),
        Type::Bytes => "Bytes".into(),
        Type::Optional { inner_type } => format!("Optional{}", canonical(inner_type)),
        Type::Sequence { inner_type } => format!("Sequence{}", canonical(inner_type)),
        other => names::exported(other.name().unwrap_or("Unnamed")),
    }
}

/// The Go type of a value.
pub fn go_type(ci: &ComponentInterface, ty: &Type) -> String {
    match ty {
        Type::Boolean => "bool".into(),
        Type::UInt16 => "uint16".into(),
        Type::UInt32 => "uint32".into(),
        Type::UInt64 => "uint64".into(),
        Type::String => "string".into(),
        Type::Bytes => "[]byte".into(),
        Type::Optional { inner_type } if is_sealed(ci, inner_type) => go_type(ci, inner_type),
        Type::Optional { inner_type } => format!("*{}", go_type(ci, inner_type)),
        Type::Sequence { inner_type } => format!("[]{}", go_type(ci, inner_type)),
        Type::Object { .. } => format!("*{}", canonical(ty)),
        _ => canonical(ty),
    }
}

/// The zero value of `go_type(ty)`, for early returns.
pub fn zero(ci: &ComponentInterface, ty: &Type) -> String {
    match ty {
        Type::Boolean => "false".into(),
        Type::UInt16 | Type::UInt32 | Type::UInt64 => "0".into(),
        Type::String => "\"\"".into(),
        Type::Record { .. } => format!("{}{{}}", canonical(ty)),
        Type::Enum { .. } if !is_sealed(ci, ty) => "0".into(),
        _ => "nil".into(),
    }
}

/// A Go expression passing `expr` to Rust as an argument (Rust takes ownership of buffers).
pub fn lower(ty: &Type, expr: &str) -> String {
    match ty {
        Type::Boolean => format!("C.int8_t(lowerBool({expr}))"),
        Type::UInt16 => format!("C.uint16_t({expr})"),
        Type::UInt32 => format!("C.uint32_t({expr})"),
        Type::UInt64 => format!("C.uint64_t({expr})"),
        Type::String => format!("lowerString({expr})"),
        Type::Bytes => format!("lowerBytes({expr})"),
        _ => format!("lowerIntoRustBuffer({expr}, write{})", canonical(ty)),
    }
}

/// A Go expression for the value Rust returned in `expr`.
pub fn lift(ty: &Type, expr: &str) -> String {
    match ty {
        Type::Boolean => format!("{expr} != 0"),
        Type::UInt16 => format!("uint16({expr})"),
        Type::UInt32 => format!("uint32({expr})"),
        Type::UInt64 => format!("uint64({expr})"),
        Type::String => format!("liftString({expr})"),
        Type::Bytes => format!("liftBytes({expr})"),
        Type::Object { .. } => format!("lift{}({expr})", canonical(ty)),
        _ => format!("liftFromRustBuffer({expr}, read{})", canonical(ty)),
    }
}

/// A Go statement serializing `expr` into the writer `w`.
pub fn write(ty: &Type, expr: &str) -> String {
    match ty {
        Type::Boolean => format!("w.writeBool({expr})"),
        Type::UInt16 => format!("w.writeU16({expr})"),
        Type::UInt32 => format!("w.writeU32({expr})"),
        Type::UInt64 => format!("w.writeU64({expr})"),
        Type::String => format!("w.writeString({expr})"),
        Type::Bytes => format!("w.writeBytes({expr})"),
        _ => format!("write{}(w, {expr})", canonical(ty)),
    }
}

/// A Go expression deserializing one value from the reader `r`.
pub fn read(ty: &Type) -> String {
    match ty {
        Type::Boolean => "r.readBool()".into(),
        Type::UInt16 => "r.readU16()".into(),
        Type::UInt32 => "r.readU32()".into(),
        Type::UInt64 => "r.readU64()".into(),
        Type::String => "r.readString()".into(),
        Type::Bytes => "r.readBytes()".into(),
        _ => format!("read{}(r)", canonical(ty)),
    }
}

/// The C type of an FFI value, for declarations in the cgo preamble.
pub fn c_type(ty: &FfiType) -> Result<&'static str> {
    Ok(match ty {
        FfiType::UInt8 => "uint8_t",
        FfiType::Int8 => "int8_t",
        FfiType::UInt16 => "uint16_t",
        FfiType::Int16 => "int16_t",
        FfiType::UInt32 => "uint32_t",
        FfiType::Int32 => "int32_t",
        FfiType::UInt64 | FfiType::Handle => "uint64_t",
        FfiType::Int64 => "int64_t",
        FfiType::Float32 => "float",
        FfiType::Float64 => "double",
        FfiType::RustBuffer(_) => "RustBuffer",
        FfiType::ForeignBytes => "ForeignBytes",
        FfiType::Callback(name) if name == "RustFutureContinuationCallback" => {
            "UniffiRustFutureContinuationCallback"
        }
        other => bail!("the FFI type {other:?} is not supported by uniffi-bindgen-go"),
    })
}

/// The cgo (Go-side) spelling of an FFI value's type.
pub fn cgo_type(ty: &FfiType) -> Result<String> {
    Ok(format!("C.{}", c_type(ty)?))
}

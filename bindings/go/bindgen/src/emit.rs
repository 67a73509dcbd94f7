//! Writes the Go source of one component: cgo preamble, runtime, records, the error enum,
//! functions, objects and the load-time integrity check.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use anyhow::{Context, Result, bail};
use uniffi_bindgen::ComponentInterface;
use uniffi_bindgen::interface::{
    AsType, Callable, Enum, FfiFunction, FfiType, Literal, Object, Record, Type,
};

use crate::names;
use crate::types;

const RUNTIME: &str = include_str!("runtime.go.in");

/// What the generated file is made from.
pub struct Source<'a> {
    pub ci: &'a ComponentInterface,
    /// The Go package name.
    pub package: &'a str,
    /// The library's link name (`zerok_sync_ffi` for libzerok_sync_ffi.so).
    pub link_name: &'a str,
    /// The library file the interface was read from, for the header comment.
    pub library_file: &'a str,
}

/// The Go source, not yet gofmt'ed.
pub fn go_source(source: &Source) -> Result<String> {
    check_supported(source.ci)?;
    let mut emitter = Emitter {
        ci: source.ci,
        ffi_functions: BTreeMap::new(),
        futures: BTreeMap::new(),
        compound: BTreeSet::new(),
        compound_types: Vec::new(),
    };
    let body = emitter.body()?;
    let mut out = String::new();
    emitter.header(source, &mut out)?;
    out.push_str(
        &RUNTIME
            .replace("__PKG__", source.package)
            .replace(
                "__RUSTBUFFER_ALLOC__",
                emitter.ci.ffi_rustbuffer_alloc().name(),
            )
            .replace(
                "__RUSTBUFFER_FREE__",
                emitter.ci.ffi_rustbuffer_free().name(),
            )
            .replace("__CONTINUATION__", &continuation_name(source.ci)),
    );
    out.push('\n');
    out.push_str(&body);
    Ok(out)
}

/// The exported Go function Rust calls back: a C symbol, so unique per component.
fn continuation_name(ci: &ComponentInterface) -> String {
    format!("uniffi_go_continuation_{}", ci.namespace())
}

/// Everything this generator does not support, named before anything is written.
fn check_supported(ci: &ComponentInterface) -> Result<()> {
    if let Some(cb) = ci.callback_interface_definitions().first() {
        bail!(
            "callback interface {}: not supported by uniffi-bindgen-go",
            cb.name()
        );
    }
    for e in ci.enum_definitions() {
        if ci.is_name_used_as_error(e.name()) {
            if !e.is_flat() {
                bail!(
                    "error enum {}: only flat errors are supported by uniffi-bindgen-go",
                    e.name()
                );
            }
            continue;
        }
        check_enum(ci, e)?;
    }
    for r in ci.record_definitions() {
        if !r.constructors().is_empty() || !r.methods().is_empty() {
            bail!(
                "record {}: methods and constructors on records are not supported",
                r.name()
            );
        }
        for f in r.fields() {
            types::check(
                ci,
                &f.as_type(),
                &format!("record {} field {}", r.name(), f.name()),
            )?;
        }
    }
    for o in ci.object_definitions() {
        if o.is_trait_interface() || o.has_callback_interface() {
            bail!(
                "object {}: trait interfaces are not supported by uniffi-bindgen-go",
                o.name()
            );
        }
        if !o.constructors().is_empty() {
            bail!(
                "object {}: constructors are not supported (return the object from a function)",
                o.name()
            );
        }
        if !o.uniffi_traits().is_empty() {
            bail!(
                "object {}: exported traits (Display, Eq, …) are not supported",
                o.name()
            );
        }
        if let Some(close) = o.methods().into_iter().find(|m| m.name() == "close")
            && (close.is_async()
                || close.throws()
                || close.return_type().is_some()
                || !close.arguments().is_empty())
        {
            bail!(
                "object {}: a close method must be sync, take nothing and return nothing (Close() runs it)",
                o.name()
            );
        }
    }
    Ok(())
}

/// A (non-error) enum: fieldless variants become Go constants numbered from zero, variants
/// with fields structs of a sealed interface. Both cross the FFI as the 1-based variant index
/// and then the variant's fields, so explicit Rust discriminants could not be kept.
fn check_enum(ci: &ComponentInterface, e: &Enum) -> Result<()> {
    let name = e.name();
    if !e.constructors().is_empty() || !e.methods().is_empty() {
        bail!("enum {name}: methods and constructors on enums are not supported");
    }
    if e.variants().is_empty() {
        bail!("enum {name}: an enum without variants is not supported");
    }
    for (i, v) in e.variants().iter().enumerate() {
        if v.has_nameless_fields() {
            bail!(
                "enum {name} variant {}: tuple variants are not supported (name the fields)",
                v.name()
            );
        }
        if e.is_flat() && !matches!(e.variant_discr(i)?, Literal::UInt(d, ..) if d == i as u64) {
            bail!(
                "enum {name} variant {}: explicit discriminants are not supported",
                v.name()
            );
        }
        for f in v.fields() {
            types::check(
                ci,
                &f.as_type(),
                &format!("enum {name} variant {} field {}", v.name(), f.name()),
            )?;
        }
    }
    Ok(())
}

struct Emitter<'a> {
    ci: &'a ComponentInterface,
    /// Every FFI function the Go code calls, by name, for the preamble.
    ffi_functions: BTreeMap<String, FfiFunction>,
    /// Future ops per return FFI type: Go variable name → (complete's Go type, FFI return type).
    futures: BTreeMap<String, Option<FfiType>>,
    /// Optional and sequence types that need write/read helpers (by name, and in order).
    compound: BTreeSet<String>,
    compound_types: Vec<Type>,
}

impl Emitter<'_> {
    fn header(&mut self, source: &Source, out: &mut String) -> Result<()> {
        let ci = self.ci;
        writeln!(
            out,
            "// Code generated by uniffi-bindgen-go from {}. DO NOT EDIT.",
            source.library_file
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "// Package {} is the Go binding of the Rust library {} (UniFFI component",
            source.package, source.library_file
        )?;
        writeln!(
            out,
            "// {}, contract version {}), generated by this workspace's uniffi-bindgen-go.",
            ci.namespace(),
            ci.uniffi_contract_version()
        )?;
        writeln!(out, "package {}", source.package)?;
        writeln!(out)?;
        writeln!(out, "/*")?;
        writeln!(out, "#cgo LDFLAGS: -l{}", source.link_name)?;
        writeln!(out, "#include <stdint.h>")?;
        writeln!(out)?;
        writeln!(
            out,
            "typedef struct RustBuffer {{ uint64_t capacity; uint64_t len; uint8_t *data; }} RustBuffer;"
        )?;
        writeln!(
            out,
            "typedef struct ForeignBytes {{ int32_t len; const uint8_t *data; }} ForeignBytes;"
        )?;
        writeln!(
            out,
            "typedef struct RustCallStatus {{ int8_t code; RustBuffer errorBuf; }} RustCallStatus;"
        )?;
        writeln!(
            out,
            "typedef void (*UniffiRustFutureContinuationCallback)(uint64_t data, int8_t poll);"
        )?;
        writeln!(out)?;
        writeln!(out, "// Exported by this package (//export below).")?;
        writeln!(
            out,
            "void {}(uint64_t data, int8_t poll);",
            continuation_name(ci)
        )?;
        writeln!(out)?;
        for f in [
            ci.ffi_uniffi_contract_version(),
            ci.ffi_rustbuffer_alloc(),
            ci.ffi_rustbuffer_free(),
        ] {
            self.ffi_functions.insert(f.name().to_owned(), f);
        }
        for f in ci.iter_checksum_ffi_functions() {
            self.ffi_functions.insert(f.name().to_owned(), f);
        }
        for f in self.ffi_functions.values() {
            writeln!(out, "{}", c_declaration(f)?)?;
        }
        writeln!(out, "*/")?;
        writeln!(out, "import \"C\"")?;
        writeln!(out)?;
        writeln!(out, "import (")?;
        let mut imports = vec![
            "bytes",
            "context",
            "encoding/binary",
            "errors",
            "fmt",
            "math",
            "runtime/cgo",
            "sync",
            "unsafe",
        ];
        if !ci.object_definitions().is_empty() {
            imports.push("runtime");
        }
        imports.sort_unstable();
        for import in imports {
            writeln!(out, "\t\"{import}\"")?;
        }
        writeln!(out, ")")?;
        writeln!(out)?;
        Ok(())
    }

    /// Everything after the runtime; fills `ffi_functions` for the preamble on the way.
    fn body(&mut self) -> Result<String> {
        let mut out = String::new();
        let ci = self.ci;
        self.integrity_check(&mut out)?;
        for record in ci.record_definitions() {
            self.record(record, &mut out)?;
        }
        for e in ci.enum_definitions() {
            if ci.is_name_used_as_error(e.name()) {
                self.error_enum(e, &mut out)?;
            } else if e.is_flat() {
                self.flat_enum(e, &mut out)?;
            } else {
                self.sealed_enum(e, &mut out)?;
            }
        }
        for function in ci.function_definitions() {
            self.callable(function.name(), function, None, &mut out)
                .with_context(|| format!("function {}", function.name()))?;
        }
        for object in ci.object_definitions() {
            self.object(object, &mut out)
                .with_context(|| format!("object {}", object.name()))?;
        }
        self.compound_helpers(&mut out)?;
        self.future_ops(&mut out)?;
        Ok(out)
    }

    fn use_ffi(&mut self, f: &FfiFunction) -> String {
        self.ffi_functions
            .entry(f.name().to_owned())
            .or_insert_with(|| f.clone());
        format!("C.{}", f.name())
    }

    fn integrity_check(&mut self, out: &mut String) -> Result<()> {
        let ci = self.ci;
        let version = ci.ffi_uniffi_contract_version();
        writeln!(
            out,
            "// The loaded library must be the one this file was generated from: same UniFFI contract,"
        )?;
        writeln!(
            out,
            "// same signature of every function (checksums). Anything else would corrupt memory."
        )?;
        writeln!(out, "func init() {{")?;
        writeln!(
            out,
            "\tif got := C.{}(); got != {} {{",
            version.name(),
            ci.uniffi_contract_version()
        )?;
        writeln!(
            out,
            "\t\tpanic(fmt.Sprintf(\"{}: the loaded Rust library speaks UniFFI contract %d, this package {}: rebuild them together\", got))",
            ci.namespace(),
            ci.uniffi_contract_version()
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\tfor _, c := range []struct {{")?;
        writeln!(out, "\t\tname      string")?;
        writeln!(out, "\t\tgot, want C.uint16_t")?;
        writeln!(out, "\t}}{{")?;
        for (name, checksum) in ci.iter_checksums() {
            writeln!(out, "\t\t{{\"{name}\", C.{name}(), {checksum}}},")?;
        }
        writeln!(out, "\t}} {{")?;
        writeln!(out, "\t\tif c.got != c.want {{")?;
        writeln!(
            out,
            "\t\t\tpanic(fmt.Sprintf(\"{}: %s of the loaded Rust library is %d, this package expects %d: the library and this package come from different builds\", c.name, c.got, c.want))",
            ci.namespace()
        )?;
        writeln!(out, "\t\t}}")?;
        writeln!(out, "\t}}")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    fn record(&mut self, record: &Record, out: &mut String) -> Result<()> {
        let name = names::exported(record.name());
        doc(
            out,
            "",
            record.docstring(),
            &format!("{name} is a record of the Rust library."),
        )?;
        writeln!(out, "type {name} struct {{")?;
        for field in record.fields() {
            doc(out, "\t", field.docstring(), "")?;
            writeln!(
                out,
                "\t{} {}",
                names::exported(field.name()),
                types::go_type(self.ci, &field.as_type())
            )?;
            self.note_compound(&field.as_type());
        }
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func write{name}(w *writer, v {name}) {{")?;
        for field in record.fields() {
            writeln!(
                out,
                "\t{}",
                types::write(
                    &field.as_type(),
                    &format!("v.{}", names::exported(field.name()))
                )
            )?;
        }
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func read{name}(r *reader) (v {name}) {{")?;
        for field in record.fields() {
            writeln!(
                out,
                "\tv.{} = {}",
                names::exported(field.name()),
                types::read(&field.as_type())
            )?;
        }
        writeln!(out, "\treturn v")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    fn error_enum(&mut self, e: &Enum, out: &mut String) -> Result<()> {
        let name = names::exported(e.name());
        let variant_type = format!("{name}Variant");
        doc(
            out,
            "",
            e.docstring(),
            &format!("{name} is an error of the Rust library."),
        )?;
        writeln!(out, "//")?;
        writeln!(
            out,
            "// errors.Is(err, {name}{}) tells the variant; errors.As(err, &e) gives the message.",
            names::exported(e.variants()[0].name())
        )?;
        writeln!(out, "type {name} struct {{")?;
        writeln!(out, "\tVariant {variant_type}")?;
        writeln!(out, "\tMessage string")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func (e *{name}) Error() string {{")?;
        writeln!(out, "\tif e.Message == \"\" {{")?;
        writeln!(out, "\t\treturn e.Variant.String()")?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\treturn e.Message")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "// Unwrap makes the variant visible to errors.Is.")?;
        writeln!(
            out,
            "func (e *{name}) Unwrap() error {{ return e.Variant }}"
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "// {variant_type} is a variant of {name}; each is also an error value, for errors.Is."
        )?;
        writeln!(out, "type {variant_type} int32")?;
        writeln!(out)?;
        writeln!(
            out,
            "// The variants of {name}, numbered as in Rust (from 1)."
        )?;
        writeln!(out, "const (")?;
        for (i, v) in e.variants().iter().enumerate() {
            doc(out, "\t", v.docstring(), "")?;
            writeln!(
                out,
                "\t{name}{} {variant_type} = {}",
                names::exported(v.name()),
                i + 1
            )?;
        }
        writeln!(out, ")")?;
        writeln!(out)?;
        writeln!(out, "func (v {variant_type}) String() string {{")?;
        writeln!(out, "\tswitch v {{")?;
        for v in e.variants() {
            writeln!(out, "\tcase {name}{}:", names::exported(v.name()))?;
            writeln!(out, "\t\treturn \"{}\"", v.name())?;
        }
        writeln!(out, "\t}}")?;
        writeln!(
            out,
            "\treturn fmt.Sprintf(\"{variant_type}(%d)\", int32(v))"
        )?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(
            out,
            "func (v {variant_type}) Error() string {{ return v.String() }}"
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "// lift{name} reads a flat error: its variant, then its message."
        )?;
        writeln!(out, "func lift{name}(rb C.RustBuffer) error {{")?;
        writeln!(
            out,
            "\treturn liftFromRustBuffer(rb, func(r *reader) error {{"
        )?;
        writeln!(out, "\t\tvariant := {variant_type}(r.readI32())")?;
        writeln!(
            out,
            "\t\treturn &{name}{{Variant: variant, Message: r.readString()}}"
        )?;
        writeln!(out, "\t}})")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    /// A fieldless enum: a named int32 with one constant per variant, numbered from zero
    /// (the zero value is the first variant, as with iota); on the FFI, the index plus one.
    fn flat_enum(&mut self, e: &Enum, out: &mut String) -> Result<()> {
        let name = names::exported(e.name());
        let count = e.variants().len();
        doc(
            out,
            "",
            e.docstring(),
            &format!("{name} is an enum of the Rust library."),
        )?;
        writeln!(out, "type {name} int32")?;
        writeln!(out)?;
        writeln!(
            out,
            "// The variants of {name}, in Rust's order (the zero value is the first)."
        )?;
        writeln!(out, "const (")?;
        for (i, v) in e.variants().iter().enumerate() {
            doc(out, "\t", v.docstring(), "")?;
            writeln!(out, "\t{name}{} {name} = {i}", names::exported(v.name()))?;
        }
        writeln!(out, ")")?;
        writeln!(out)?;
        writeln!(out, "func (v {name}) String() string {{")?;
        writeln!(out, "\tswitch v {{")?;
        for v in e.variants() {
            writeln!(out, "\tcase {name}{}:", names::exported(v.name()))?;
            writeln!(out, "\t\treturn \"{}\"", v.name())?;
        }
        writeln!(out, "\t}}")?;
        writeln!(out, "\treturn fmt.Sprintf(\"{name}(%d)\", int32(v))")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func write{name}(w *writer, v {name}) {{")?;
        writeln!(out, "\tif v < 0 || v >= {count} {{")?;
        writeln!(
            out,
            "\t\tpanic(fmt.Sprintf(\"{}: %d is no variant of {name}\", int32(v)))",
            self.ci.namespace()
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\tw.writeI32(int32(v) + 1)")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func read{name}(r *reader) {name} {{")?;
        writeln!(out, "\tindex := r.readI32()")?;
        writeln!(out, "\tif index < 1 || index > {count} {{")?;
        writeln!(
            out,
            "\t\tpanic(&InternalError{{Message: fmt.Sprintf(\"variant %d of {name} from Rust\", index)}})"
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\treturn {name}(index - 1)")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    /// An enum with fields: a sealed interface (its one method is unexported, so only the
    /// variant structs of this package implement it), one struct per variant; a type switch
    /// tells them apart. Each variant writes itself: its 1-based index, then its fields.
    fn sealed_enum(&mut self, e: &Enum, out: &mut String) -> Result<()> {
        let name = names::exported(e.name());
        let variant =
            |v: &uniffi_bindgen::interface::Variant| format!("{name}{}", names::exported(v.name()));
        let structs: Vec<_> = e.variants().iter().map(variant).collect();
        doc(
            out,
            "",
            e.docstring(),
            &format!("{name} is an enum of the Rust library."),
        )?;
        writeln!(out, "//")?;
        writeln!(
            out,
            "// It is one of the structs {}; a type switch tells them apart. A nil {name} is no variant.",
            structs.join(", ")
        )?;
        writeln!(out, "type {name} interface {{")?;
        writeln!(out, "\twrite{name}(w *writer)")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        for (i, v) in e.variants().iter().enumerate() {
            let go = &structs[i];
            doc(
                out,
                "",
                v.docstring(),
                &format!("{go} is the variant {} of {name}.", v.name()),
            )?;
            writeln!(out, "type {go} struct {{")?;
            for field in v.fields() {
                doc(out, "\t", field.docstring(), "")?;
                writeln!(
                    out,
                    "\t{} {}",
                    names::exported(field.name()),
                    types::go_type(self.ci, &field.as_type())
                )?;
                self.note_compound(&field.as_type());
            }
            writeln!(out, "}}")?;
            writeln!(out)?;
            writeln!(out, "func (v {go}) write{name}(w *writer) {{")?;
            writeln!(out, "\tw.writeI32({})", i + 1)?;
            for field in v.fields() {
                let expr = format!("v.{}", names::exported(field.name()));
                writeln!(out, "\t{}", types::write(&field.as_type(), &expr))?;
            }
            writeln!(out, "}}")?;
            writeln!(out)?;
        }
        writeln!(out, "func write{name}(w *writer, v {name}) {{")?;
        writeln!(out, "\tif v == nil {{")?;
        writeln!(
            out,
            "\t\tpanic(\"{}: a nil {name} is no variant\")",
            self.ci.namespace()
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\tv.write{name}(w)")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func read{name}(r *reader) {name} {{")?;
        writeln!(out, "\tswitch index := r.readI32(); index {{")?;
        for (i, v) in e.variants().iter().enumerate() {
            writeln!(out, "\tcase {}:", i + 1)?;
            if v.fields().is_empty() {
                writeln!(out, "\t\treturn {}{{}}", structs[i])?;
                continue;
            }
            // Composite literal elements are evaluated in order: the fields' order on the wire.
            writeln!(out, "\t\treturn {}{{", structs[i])?;
            for field in v.fields() {
                writeln!(
                    out,
                    "\t\t\t{}: {},",
                    names::exported(field.name()),
                    types::read(&field.as_type())
                )?;
            }
            writeln!(out, "\t\t}}")?;
        }
        writeln!(out, "\tdefault:")?;
        writeln!(
            out,
            "\t\tpanic(&InternalError{{Message: fmt.Sprintf(\"variant %d of {name} from Rust\", index)}})"
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    fn object(&mut self, object: &Object, out: &mut String) -> Result<()> {
        let name = names::exported(object.name());
        let clone = self.use_ffi(object.ffi_object_clone());
        let free = self.use_ffi(object.ffi_object_free());
        let close = object.methods().into_iter().find(|m| m.name() == "close");
        doc(
            out,
            "",
            object.docstring(),
            &format!("{name} is an object of the Rust library."),
        )?;
        writeln!(out, "//")?;
        writeln!(
            out,
            "// Close releases it; the garbage collector does too, eventually, as a safety net."
        )?;
        writeln!(out, "// Its methods may be called from any goroutine.")?;
        writeln!(out, "type {name} struct {{")?;
        writeln!(out, "\tref     *objectRef")?;
        writeln!(out, "\tcleanup runtime.Cleanup")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        writeln!(out, "func lift{name}(handle C.uint64_t) *{name} {{")?;
        writeln!(out, "\tref := &objectRef{{")?;
        writeln!(out, "\t\thandle: handle,")?;
        writeln!(
            out,
            "\t\tclone:  func(h C.uint64_t, s *C.RustCallStatus) C.uint64_t {{ return {clone}(h, s) }},"
        )?;
        writeln!(
            out,
            "\t\tfree:   func(h C.uint64_t, s *C.RustCallStatus) {{ {free}(h, s) }},"
        )?;
        writeln!(out, "\t}}")?;
        writeln!(out, "\to := &{name}{{ref: ref}}")?;
        writeln!(
            out,
            "\to.cleanup = runtime.AddCleanup(o, (*objectRef).release, ref)"
        )?;
        writeln!(out, "\treturn o")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        match close {
            Some(close) => {
                let ffi = self.use_ffi(close.ffi_func());
                doc(
                    out,
                    "",
                    close.docstring(),
                    "Close runs the object's close method, then releases the object.",
                )?;
                writeln!(out, "//")?;
                writeln!(
                    out,
                    "// Calls in progress finish (each holds its own reference); later calls return"
                )?;
                writeln!(out, "// ErrClosed. Idempotent.")?;
                writeln!(out, "func (o *{name}) Close() {{")?;
                writeln!(out, "\tif self, err := o.ref.cloneHandle(); err == nil {{")?;
                writeln!(out, "\t\tvar status C.RustCallStatus")?;
                writeln!(out, "\t\t{ffi}(self, &status)")?;
                writeln!(out, "\t\tmustSucceed(&status)")?;
                writeln!(out, "\t}}")?;
            }
            None => {
                writeln!(
                    out,
                    "// Close releases the object. Calls in progress finish (each holds its own"
                )?;
                writeln!(
                    out,
                    "// reference); later calls return ErrClosed. Idempotent."
                )?;
                writeln!(out, "func (o *{name}) Close() {{")?;
            }
        }
        writeln!(out, "\to.cleanup.Stop()")?;
        writeln!(out, "\to.ref.release()")?;
        writeln!(out, "}}")?;
        writeln!(out)?;
        for method in object.methods() {
            if method.name() == "close" {
                continue;
            }
            self.callable(method.name(), method, Some(&name), out)
                .with_context(|| format!("method {}", method.name()))?;
        }
        Ok(())
    }

    /// A function or method: signature, argument lowering, the call (sync or async), lifting.
    fn callable<C: Callable + ?Sized>(
        &mut self,
        rust_name: &str,
        callable: &C,
        receiver: Option<&str>,
        out: &mut String,
    ) -> Result<()> {
        let go_name = names::exported(rust_name);
        let ret = callable.return_type();
        if let Some(ret) = ret {
            if !matches!(ret, Type::Object { .. }) {
                types::check(self.ci, ret, "return type")?;
            }
            self.note_compound(ret);
        }
        let throws = match callable.throws_type() {
            None => None,
            Some(t @ Type::Enum { .. }) => Some(format!("lift{}", types::canonical(t))),
            Some(other) => bail!("throws {other:?}: only error enums are supported"),
        };
        let mut params = Vec::new();
        let mut lowered = Vec::new();
        if receiver.is_some() {
            lowered.push("self".to_owned());
        }
        for arg in callable.arguments() {
            let ty = arg.as_type();
            types::check(self.ci, &ty, &format!("argument {}", arg.name()))?;
            self.note_compound(&ty);
            let local = names::local(arg.name());
            params.push(format!("{local} {}", types::go_type(self.ci, &ty)));
            lowered.push(types::lower(&ty, &local));
        }
        let fallible = callable.is_async() || throws.is_some();
        if callable.is_async() {
            params.insert(0, "ctx context.Context".to_owned());
        }
        let ci = self.ci;
        let results = match (ret, fallible) {
            (Some(t), true) => format!(" ({}, error)", types::go_type(ci, t)),
            (Some(t), false) => format!(" {}", types::go_type(ci, t)),
            (None, true) => " error".to_owned(),
            (None, false) => String::new(),
        };
        // What an early return looks like.
        let fail = |err: &str| match ret {
            Some(t) => format!("return {}, {err}", types::zero(ci, t)),
            None => format!("return {err}"),
        };

        let default_doc = match receiver {
            Some(_) => format!(
                "{go_name} calls the method {} of the Rust object.",
                rust_name
            ),
            None => format!(
                "{go_name} calls the function {} of the Rust library.",
                rust_name
            ),
        };
        doc(out, "", callable.docstring(), &default_doc)?;
        let recv = receiver.map(|r| format!("(o *{r}) ")).unwrap_or_default();
        writeln!(
            out,
            "func {recv}{go_name}({}){results} {{",
            params.join(", ")
        )?;
        if callable.is_async() {
            writeln!(out, "\tif err := ctx.Err(); err != nil {{")?;
            writeln!(out, "\t\t{}", fail("err"))?;
            writeln!(out, "\t}}")?;
        }
        if receiver.is_some() {
            if fallible {
                writeln!(out, "\tself, err := o.ref.cloneHandle()")?;
                writeln!(out, "\tif err != nil {{")?;
                writeln!(out, "\t\t{}", fail("err"))?;
                writeln!(out, "\t}}")?;
            } else {
                writeln!(out, "\tself := o.ref.mustCloneHandle()")?;
            }
        }
        let ffi = self.use_ffi(callable.ffi_func());
        let lift_err = throws.as_deref().unwrap_or("nil");
        if callable.is_async() {
            let ops = self.future(ret);
            let call = format!("{ffi}({})", lowered.join(", "));
            match ret {
                Some(t) => {
                    writeln!(
                        out,
                        "\tresult, err := awaitFuture(ctx, &{ops}, {call}, {lift_err})"
                    )?;
                    writeln!(out, "\tif err != nil {{")?;
                    writeln!(out, "\t\t{}", fail("err"))?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "\treturn {}, nil", types::lift(t, "result"))?;
                }
                None => {
                    writeln!(
                        out,
                        "\tif _, err := awaitFuture(ctx, &{ops}, {call}, {lift_err}); err != nil {{"
                    )?;
                    writeln!(out, "\t\treturn err")?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "\treturn nil")?;
                }
            }
        } else {
            lowered.push("&status".to_owned());
            let call = format!("{ffi}({})", lowered.join(", "));
            writeln!(out, "\tvar status C.RustCallStatus")?;
            let assign = if ret.is_some() { "result := " } else { "" };
            writeln!(out, "\t{assign}{call}")?;
            if let Some(lift_err) = &throws {
                writeln!(
                    out,
                    "\tif err := checkStatus(&status, {lift_err}); err != nil {{"
                )?;
                writeln!(out, "\t\t{}", fail("err"))?;
                writeln!(out, "\t}}")?;
            } else {
                writeln!(out, "\tmustSucceed(&status)")?;
            }
            match (ret, fallible) {
                (Some(t), true) => writeln!(out, "\treturn {}, nil", types::lift(t, "result"))?,
                (Some(t), false) => writeln!(out, "\treturn {}", types::lift(t, "result"))?,
                (None, true) => writeln!(out, "\treturn nil")?,
                (None, false) => {}
            }
        }
        writeln!(out, "}}")?;
        writeln!(out)?;
        Ok(())
    }

    /// The Go variable holding the future functions for a return type (declared at the end).
    fn future(&mut self, ret: Option<&Type>) -> String {
        let ffi_ret: Option<FfiType> = ret.map(Into::into);
        // Named like the FFI functions it holds: ..._rust_future_poll_u64 → futureU64.
        let poll = self.ci.ffi_rust_future_poll(ffi_ret.clone());
        let suffix = poll
            .name()
            .rsplit("rust_future_poll_")
            .next()
            .unwrap_or_default();
        let var = format!(
            "future{}",
            heck::ToUpperCamelCase::to_upper_camel_case(suffix)
        );
        self.futures.insert(var.clone(), ffi_ret);
        var
    }

    fn future_ops(&mut self, out: &mut String) -> Result<()> {
        let futures = std::mem::take(&mut self.futures);
        for (var, ffi_ret) in &futures {
            let ci = self.ci;
            let poll = self.use_ffi(&ci.ffi_rust_future_poll(ffi_ret.clone()));
            let cancel = self.use_ffi(&ci.ffi_rust_future_cancel(ffi_ret.clone()));
            let complete = self.use_ffi(&ci.ffi_rust_future_complete(ffi_ret.clone()));
            let free = self.use_ffi(&ci.ffi_rust_future_free(ffi_ret.clone()));
            let (value_type, complete_body) = match ffi_ret {
                None => (
                    "struct{}".to_owned(),
                    format!("{complete}(f, s); return struct{{}}{{}}"),
                ),
                Some(t) => (types::cgo_type(t)?, format!("return {complete}(f, s)")),
            };
            writeln!(out, "var {var} = futureOps[{value_type}]{{")?;
            writeln!(
                out,
                "\tpoll:     func(f C.uint64_t, c C.UniffiRustFutureContinuationCallback, d C.uint64_t) {{ {poll}(f, c, d) }},"
            )?;
            writeln!(out, "\tcancel:   func(f C.uint64_t) {{ {cancel}(f) }},")?;
            writeln!(
                out,
                "\tcomplete: func(f C.uint64_t, s *C.RustCallStatus) {value_type} {{ {complete_body} }},"
            )?;
            writeln!(out, "\tfree:     func(f C.uint64_t) {{ {free}(f) }},")?;
            writeln!(out, "}}")?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn note_compound(&mut self, ty: &Type) {
        if let Type::Optional { inner_type } | Type::Sequence { inner_type } = ty {
            self.note_compound(inner_type);
            let key = types::canonical(ty);
            if !self.compound.contains(&key) {
                self.compound.insert(key);
                self.compound_types.push(ty.clone());
            }
        }
    }

    fn compound_helpers(&mut self, out: &mut String) -> Result<()> {
        for ty in std::mem::take(&mut self.compound_types) {
            let name = types::canonical(&ty);
            let go = types::go_type(self.ci, &ty);
            match &ty {
                Type::Optional { inner_type } => {
                    // A sealed interface is nil for None itself; any other type is a pointer.
                    let sealed = types::is_sealed(self.ci, inner_type);
                    let (value, some) = if sealed {
                        ("v", format!("\t\treturn {}", types::read(inner_type)))
                    } else {
                        (
                            "*v",
                            format!("\t\tv := {}\n\t\treturn &v", types::read(inner_type)),
                        )
                    };
                    writeln!(out, "func write{name}(w *writer, v {go}) {{")?;
                    writeln!(out, "\tif v == nil {{")?;
                    writeln!(out, "\t\tw.writeI8(0)")?;
                    writeln!(out, "\t\treturn")?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "\tw.writeI8(1)")?;
                    writeln!(out, "\t{}", types::write(inner_type, value))?;
                    writeln!(out, "}}")?;
                    writeln!(out)?;
                    writeln!(out, "func read{name}(r *reader) {go} {{")?;
                    writeln!(out, "\tswitch tag := r.readI8(); tag {{")?;
                    writeln!(out, "\tcase 0:")?;
                    writeln!(out, "\t\treturn nil")?;
                    writeln!(out, "\tcase 1:")?;
                    writeln!(out, "{some}")?;
                    writeln!(out, "\tdefault:")?;
                    writeln!(
                        out,
                        "\t\tpanic(&InternalError{{Message: fmt.Sprintf(\"option tag %d from Rust\", tag)}})"
                    )?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "}}")?;
                }
                Type::Sequence { inner_type } => {
                    writeln!(out, "func write{name}(w *writer, v {go}) {{")?;
                    writeln!(out, "\tw.writeLength(len(v))")?;
                    writeln!(out, "\tfor _, item := range v {{")?;
                    writeln!(out, "\t\t{}", types::write(inner_type, "item"))?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "}}")?;
                    writeln!(out)?;
                    writeln!(out, "func read{name}(r *reader) {go} {{")?;
                    writeln!(out, "\tn := int(r.readI32())")?;
                    writeln!(out, "\tif n < 0 || n > len(r.buf) {{")?;
                    writeln!(
                        out,
                        "\t\tpanic(&InternalError{{Message: fmt.Sprintf(\"sequence of %d items from Rust\", n)}})"
                    )?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "\tv := make({go}, n)")?;
                    writeln!(out, "\tfor i := range v {{")?;
                    writeln!(out, "\t\tv[i] = {}", types::read(inner_type))?;
                    writeln!(out, "\t}}")?;
                    writeln!(out, "\treturn v")?;
                    writeln!(out, "}}")?;
                }
                _ => unreachable!("only optionals and sequences are noted"),
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// Doc comment lines: the Rust docstring if there is one, else `fallback` (if not empty).
fn doc(out: &mut String, indent: &str, docstring: Option<&str>, fallback: &str) -> Result<()> {
    let text = docstring.unwrap_or(fallback);
    for line in text.lines() {
        if line.is_empty() {
            writeln!(out, "{indent}//")?;
        } else {
            writeln!(out, "{indent}// {line}")?;
        }
    }
    Ok(())
}

/// `ret name(args, RustCallStatus *status);`
fn c_declaration(f: &FfiFunction) -> Result<String> {
    let ret = match f.return_type() {
        Some(t) => types::c_type(t)?,
        None => "void",
    };
    let mut args = f
        .arguments()
        .iter()
        .map(|a| Ok(format!("{} {}", types::c_type(&a.type_())?, a.name())))
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("FFI function {}", f.name()))?;
    if f.has_rust_call_status_arg() {
        args.push("RustCallStatus *out_status".to_owned());
    }
    if args.is_empty() {
        args.push("void".to_owned());
    }
    Ok(format!("{ret} {}({});", f.name(), args.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(udl: &str) -> Result<String> {
        let mut ci = ComponentInterface::from_webidl(udl, "fixture")?;
        ci.derive_ffi_funcs()?;
        go_source(&Source {
            ci: &ci,
            package: "fixture",
            link_name: "fixture",
            library_file: "libfixture.so",
        })
    }

    #[test]
    fn enums_become_constants_or_sealed_interfaces() {
        let go = source(
            r#"namespace fixture { Event? next(Shade shade); };
            enum Shade { "Light", "Dark" };
            [Enum] interface Event { Started(string name); Stopped(); };"#,
        )
        .unwrap();
        for expected in [
            "type Shade int32",
            "\tShadeLight Shade = 0",
            "\tw.writeI32(int32(v) + 1)",
            "type Event interface {\n\twriteEvent(w *writer)\n}",
            "type EventStarted struct {\n\tName string\n}",
            "func (v EventStopped) writeEvent(w *writer) {\n\tw.writeI32(2)\n}",
            // An optional enum with fields is the interface itself, nil for None.
            "func Next(shade Shade) Event {",
            "func readOptionalEvent(r *reader) Event {",
        ] {
            assert!(go.contains(expected), "no {expected:?} in\n{go}");
        }
    }

    #[test]
    fn unsupported_enums_are_named() {
        let value = source(
            r#"namespace fixture { [Throws=Oops] void f(Oops o); };
            [Error] enum Oops { "Bad" };"#,
        );
        let why = format!("{:#}", value.unwrap_err());
        assert!(why.contains("error enum Oops as a value"), "{why}");
        let fields = source(
            r#"namespace fixture { [Throws=Oops] void f(); };
            [Error] interface Oops { Bad(string why); };"#,
        );
        let why = format!("{:#}", fields.unwrap_err());
        assert!(why.contains("only flat errors"), "{why}");
    }
}

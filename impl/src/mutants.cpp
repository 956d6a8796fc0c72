// The mutants: the impl with exactly one spec rule changed. They exist to prove that the
// conformance properties notice each kind of mistake a real port could make.
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mvconf/impl/impl.h"
#include "port_table.h"
#include "rules.h"

namespace mvconf::impl {
namespace {

struct Mutant {
  const char *name;  // the port is named "impl~<name>"
  const char *rule;  // the spec rule it breaks: "§N: right -> mutant's wrong rule"
  Mutation mutation;
  // The CPython minor it reproduces, when the rule exists only from then on (0: the default).
  int target_minor = 0;
};

using M = Mutation;

const Mutant kMutants[] = {
    // §3 PyBuffer_IsContiguous.
    {"c_contig_no_unit_skip", "§3: C test skips extent-0/1 dims -> mutant checks every dim",
     M::kCContigNoUnitSkip},
    {"f_contig_null_strides_always",
     "§3: F test with NULL strides is 1 only if at most one extent > 1 -> mutant always 1",
     M::kFContigNullStridesAlways},
    {"len0_no_shortcut", "§3: len == 0 is contiguous whatever the strides -> mutant walks them",
     M::kLen0NoShortcut},
    {"a_order_c_only", "§3: 'A' is C or F -> mutant answers 'A' with the C test only",
     M::kAOrderCOnly},
    {"innermost_stride_one", "§3: the expected innermost stride is itemsize -> mutant uses 1 byte",
     M::kInnermostStrideOne},
    {"suboffsets_after_len0",
     "§3: suboffsets give 0 before any other rule -> mutant lets len == 0 answer 1 first",
     M::kSuboffsetsAfterLen0},
    {"negative_suboffsets_ignored",
     "§3: any suboffsets (even all -1) give 0 -> mutant ignores all-negative suboffsets",
     M::kNegativeSuboffsetsIgnored},
    {"invalid_order_answers_1", "§3: an order not in C/F/A gives 0 -> mutant answers 1",
     M::kInvalidOrderAnswers1},
    // §1.4 memoryview flags.
    {"fortran_flag_len0", "§1.4: 1-D flags have no len == 0 rule -> mutant flags empty views C|F",
     M::kFortranFlagLen0},
    {"scalar_flag_missing", "§1.4: 0-d views are C|FORTRAN|SCALAR -> mutant omits SCALAR",
     M::kScalarFlagMissing},
    {"pil_keeps_cf", "§1.4: suboffsets set PIL and clear C/FORTRAN -> mutant keeps C/FORTRAN",
     M::kPilKeepsCF},
    {"flags_1d_ignores_extent1",
     "§1.4: 1-D is C|F iff shape[0] == 1 or stride == itemsize -> mutant drops shape[0] == 1",
     M::kFlags1dIgnoresExtent1},
    // §1.1-§1.3, §2.1-§2.3 constructors.
    {"null_format_kept", "§1.2: a NULL format is reported as \"B\" -> mutant leaves it NULL",
     M::kNullFormatKept},
    {"null_format_not_utf8",
     "§1.2: a NULL format is reported as \"B\" -> mutant reports the byte 0xff (not UTF-8)",
     M::kNullFormatNotUtf8},
    {"null_format_itemsize_1", "§1.2: a NULL format keeps itemsize -> mutant sets itemsize 1",
     M::kNullFormatItemsize1},
    {"len_recomputed", "§1.2: len is copied, not recomputed -> mutant sets product(shape)*itemsize",
     M::kLenRecomputed},
    {"rebuilt_shape_rounds_up",
     "§1.3: a rebuilt 1-D shape is len / itemsize, remainder dropped -> mutant rounds up",
     M::kRebuiltShapeRoundsUp},
    {"from_buffer_buf_check_late",
     "§2.3: FromBuffer checks info->buf before anything else -> mutant checks ndim > 64 first",
     M::kFromBufferBufCheckLate},
    {"ndim_limit_off_by_one", "§2.1: ndim 64 is accepted -> mutant rejects ndim >= 64",
     M::kNdimLimitOffByOne},
    {"ndim_limit_buffer_error", "§2.1: ndim > 64 raises ValueError -> mutant raises BufferError",
     M::kNdimLimitBufferError},
    {"from_view_new_mbuf",
     "§1.1: FromObject(memoryview) registers with the same mbuf -> mutant makes a new mbuf",
     M::kFromViewNewMbuf},
    {"from_view_getbuffer_again",
     "§1.1: FromObject(memoryview) never calls getbuffer -> mutant asks the exporter again",
     M::kFromViewGetbufferAgain},
    {"request_flags_full", "§1.1: the master is requested with PyBUF_FULL_RO -> mutant asks FULL",
     M::kRequestFlagsFull},
    {"release_at_construction",
     "§1.1: the exporter is released with the last view -> mutant releases it at creation",
     M::kReleaseAtConstruction},
    {"release_twice_on_ndim_error",
     "§2.1: ndim > 64 releases the exporter buffer once -> mutant releases it twice",
     M::kReleaseTwiceOnNdimError},
    {"non_buffer_message_no_prefix",
     "§2.1: TypeError 'memoryview: a bytes-like object...' -> mutant drops 'memoryview: '",
     M::kNonBufferMessageNoPrefix},
    {"from_memory_flags0_writable",
     "§2.2: only flags == PyBUF_WRITE is writable -> mutant treats flags 0 as WRITE",
     M::kFromMemoryFlags0Writable},
    {"from_buffer_keeps_obj", "§2.3: FromBuffer forces obj to NULL -> mutant keeps info->obj",
     M::kFromBufferKeepsObj},
    // §2.4 GetContiguous.
    {"copy_writable", "§2.4: the GetContiguous copy is read-only -> mutant makes it writable",
     M::kCopyWritable},
    {"invalid_order_as_c",
     "§2.4/§4.1: an invalid order copies in F layout -> mutant treats it as 'C'",
     M::kInvalidOrderAsC},
    {"contig_no_copy_base_null",
     "§2.5: GetContiguous without copy has the exporter as base -> mutant's base is NULL",
     M::kContigNoCopyBaseNull},
    {"write_check_after_contiguity",
     "§2.4: 'not writable' is checked before contiguity -> mutant checks it after",
     M::kWriteCheckAfterContiguity},
    {"noncontig_message_no_period",
     "§2.4: '...for a non-contiguous object.' ends with a period -> mutant drops it",
     M::kNoncontigMessageNoPeriod},
    {"buffertype0_as_write", "§2.4: only buffertype PyBUF_WRITE is WRITE -> mutant treats 0 so",
     M::kBuffertype0AsWrite},
    {"copy_c_order_for_f",
     "§2.4: a copy for 'F' holds F-ordered data -> mutant copies C order under F strides",
     M::kCopyCOrderForF},
    {"copy_a_fortran", "§2.4: a copy for 'A' has C strides -> mutant copies 'A' in F layout",
     M::kCopyAFortran},
    {"copy_keeps_suboffsets", "§2.4: the copy has no suboffsets -> mutant keeps the source's",
     M::kCopyKeepsSuboffsets},
    {"copy_format_shared", "§2.4: the copy's format is duplicated -> mutant shares the source's",
     M::kCopyFormatShared},
    // §4 buffer functions.
    {"to_contiguous_short_len_accepted",
     "§4.1: len != view->len is a ValueError -> mutant only rejects len > view->len",
     M::kToContiguousShortLenAccepted},
    {"from_contiguous_no_clamp",
     "§4.2: FromContiguous clamps len to view->len -> mutant rejects a longer len",
     M::kFromContiguousNoClamp},
    {"from_contiguous_a_fortran",
     "§4.2: the scatter is in C order for 'A' -> mutant scatters 'A' in Fortran order",
     M::kFromContiguousAFortran},
    {"fill_strides_a_as_f", "§4.4: only 'F' gives Fortran strides -> mutant gives them for 'A' too",
     M::kFillStridesAAsF},
    {"get_pointer_wraps_negative",
     "§4.6: GetPointer does no negative-index wrapping -> mutant adds shape[i] to them",
     M::kGetPointerWrapsNegative},
    {"fill_info_rejects_readonly_nonzero",
     "§4.5: WRITABLE is refused only for readonly == 1 -> mutant refuses any non-zero",
     M::kFillInfoRejectsReadonlyNonzero},
    {"fill_info_format_always", "§4.5: format is \"B\" iff FORMAT is requested -> mutant always",
     M::kFillInfoFormatAlways},
    {"fill_info_shape_on_strides_bit",
     "§4.5: shape = &len iff (flags & ND) == ND -> mutant also for the 0x10 bit alone",
     M::kFillInfoShapeOnStridesBit},
    {"release_skips_releasebuffer",
     "§4.9: PyBuffer_Release calls the owner's releasebuffer -> mutant only clears obj",
     M::kReleaseSkipsReleasebuffer},
    // §4.8/§5.9 re-export (memory_getbuf) and release with exports.
    {"getbuf_suboffsets_before_contig",
     "§4.8: C/F/ANY contiguity (checks 5-7) precede 'requires suboffsets' (8) -> mutant checks 8 "
     "first",
     M::kGetbufSuboffsetsBeforeContig},
    {"getbuf_no_format_itemsize_1",
     "§4.8: without FORMAT only format becomes NULL, itemsize stays -> mutant sets itemsize 1",
     M::kGetbufNoFormatItemsize1},
    {"release_exports_no_plural",
     "§5.9: 'memoryview has 2 exported buffers' is plural -> mutant always says 'buffer'",
     M::kReleaseExportsNoPlural},
    // §4.7 PyBuffer_SizeFromFormat.
    {"calcsize_zero_count_no_align",
     "§4.7: native items align even with a count of 0 ('b0i' is 4) -> mutant skips them",
     M::kCalcsizeZeroCountNoAlign},
    {"calcsize_standard_aligns",
     "§4.7: only native ('@' or none) formats align ('=bi' is 5) -> mutant aligns all",
     M::kCalcsizeStandardAligns},
    // §4.3 PyObject_CopyData.
    {"copy_data_mixed_order_memcpy",
     "§4.3: memcpy only if both C or both F-contiguous -> mutant also for C dest, F src",
     M::kCopyDataMixedOrderMemcpy},
    // §5.2-§5.11 Python-level memoryview.
    {"tobytes_a_as_c",
     "§5.2: tobytes('A') keeps F-contiguous data in F order -> mutant gives C order",
     M::kTobytesAAsC},
    {"hex_sep_from_left",
     "§5.3: bytes_per_sep > 0 groups from the right -> mutant groups from the left",
     M::kHexSepFromLeft},
    {"index_no_negative_wrap",
     "§5.5: a negative index is wrapped once by the extent -> mutant rejects it",
     M::kIndexNoNegativeWrap},
    {"readonly_before_format",
     "§5.6: format support is checked before read-only -> mutant checks read-only first",
     M::kReadonlyBeforeFormat},
    {"slice_assign_ignores_format",
     "§5.6: slice assignment needs equal formats ('B' <- 'b' fails) -> mutant ignores them",
     M::kSliceAssignIgnoresFormat},
    {"slice_assign_at_not_stripped",
     "§5.6: slice assignment strips one leading '@' from each format ('B' <- '@B' works) -> "
     "mutant compares the formats as written",
     M::kSliceAssignAtNotStripped},
    {"cast_zeros_rule_always",
     "§5.7: zeros in shape are refused only with a shape or ndim != 1 -> mutant always",
     M::kCastZerosRuleAlways},
    {"compare_nan_equal",
     "§5.10: same-format floats compare as C values, NaN != NaN -> mutant: NaN == NaN",
     M::kCompareNanEqual},
    {"compare_shape_full_scan",
     "§5.10: the shape scan stops after the first zero extent -> mutant compares all",
     M::kCompareShapeFullScan},
    {"compare_bad_format_raises",
     "§5.10: a format struct cannot parse makes == False -> mutant raises struct.error",
     M::kCompareBadFormatRaises},
    {"unpack_ignores_byte_order",
     "§5.10: struct unpacks '>' and '!' formats big-endian -> mutant unpacks every format "
     "little-endian",
     M::kUnpackIgnoresByteOrder},
    {"hash_writable_allowed",
     "§5.11: a writable view cannot be hashed (ValueError) -> mutant hashes it",
     M::kHashWritableAllowed},
    {"hash_fortran_physical",
     "§5.11: hash is of the C-order bytes for any layout -> mutant hashes F views in F order",
     M::kHashFortranPhysical},
    {"hash_ignores_exporter",
     "§5.11: hash(view.obj) must succeed (unhashable exporter: TypeError) -> mutant skips it",
     M::kHashIgnoresExporter},
    {"hash_exporter_before_format",
     "§5.11: the exporter is hashed after the format check -> mutant hashes it before",
     M::kHashExporterBeforeFormat},
    {"free_waits_for_released_siblings",
     "§1.1: the last registered view going releases the exporter's buffer -> mutant waits "
     "until released views that still point at the managed buffer are gone too",
     M::kFreeWaitsForReleasedSiblings},
    {"free_ignores_exports",
     "§5.9: an exported buffer keeps its view (and the exporter's buffer) alive -> mutant "
     "unregisters the view when the harness drops it",
     M::kFreeIgnoresExports},
    {"release_ignores_exports",
     "§5.9: release() with exports outstanding raises BufferError -> mutant releases",
     M::kReleaseIgnoresExports},
    {"hash_not_cached",
     "§5.11: hash is cached after the first success -> mutant recomputes it every time",
     M::kHashNotCached},
    {"release_buffer_no_identity_check",
     "§5.14: __release_buffer__ only releases views of its own __buffer__ exports -> mutant "
     "releases any memoryview (targets 3.12: run it with --oracle cpython:3.12)",
     M::kReleaseBufferNoIdentityCheck, 12},
};

constexpr size_t kCount = sizeof kMutants / sizeof kMutants[0];

// One table per mutant, built once; ctx points at the mutant's (static) rules.
struct Tables {
  std::array<Rules, kCount> rules;
  std::array<std::string, kCount> names;
  std::array<mvconf_port, kCount> ports;
};

const Tables &tables() {
  static const Tables *t = [] {
    auto *out = new Tables{};
    for (size_t i = 0; i < kCount; ++i) {
      out->rules[i].mutation = kMutants[i].mutation;
      if (kMutants[i].target_minor != 0) out->rules[i].target_minor = kMutants[i].target_minor;
      out->names[i] = std::string("impl~") + kMutants[i].name;
      out->ports[i] = make_port(&out->rules[i], out->names[i].c_str());
    }
    return out;
  }();
  return *t;
}

}  // namespace

const mvconf_port *mutant_port(std::string_view name) {
  for (size_t i = 0; i < kCount; ++i) {
    if (name == kMutants[i].name) return &tables().ports[i];
  }
  // "a+b": both rules broken at once, so the harness can show two independent bugs of one
  // port as two classes. Built on first use and kept for the life of the process.
  const auto plus = name.find('+');
  if (plus == std::string_view::npos) return nullptr;
  const mvconf_port *a = mutant_port(name.substr(0, plus));
  const mvconf_port *b = mutant_port(name.substr(plus + 1));
  if (!a || !b || name.find('+', plus + 1) != std::string_view::npos) return nullptr;
  struct Compound {
    Rules rules;
    std::string name;
    mvconf_port port;
  };
  static std::vector<std::unique_ptr<Compound>> compounds;
  for (const auto &c : compounds)
    if (c->name == "impl~" + std::string(name)) return &c->port;
  auto c = std::make_unique<Compound>();
  const Rules &ra = *static_cast<const Rules *>(a->ctx), &rb = *static_cast<const Rules *>(b->ctx);
  c->rules = ra;
  c->rules.also = rb.mutation;
  c->rules.target_minor = std::max(ra.target_minor, rb.target_minor);
  c->name = "impl~" + std::string(name);
  c->port = make_port(&c->rules, c->name.c_str());
  compounds.push_back(std::move(c));
  return &compounds.back()->port;
}

std::vector<MutantInfo> mutants() {
  std::vector<MutantInfo> out;
  for (const Mutant &m : kMutants) out.push_back({m.name, m.rule});
  return out;
}

}  // namespace mvconf::impl

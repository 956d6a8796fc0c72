// The switches a mutant flips. Every rule that a mutant can break consults Rules, so a mutant
// is the impl with that one rule changed everywhere it applies.
#ifndef MVCONF_IMPL_RULES_H
#define MVCONF_IMPL_RULES_H

namespace mvconf::impl {

enum class Mutation {
  kNone,
  kCContigNoUnitSkip,
  kCopyWritable,
  kFromMemoryFlags0Writable,
  kFortranFlagLen0,
  kInvalidOrderAsC,
  kFromBufferKeepsObj,
  // §3 PyBuffer_IsContiguous
  kFContigNullStridesAlways,
  kLen0NoShortcut,
  kAOrderCOnly,
  kInnermostStrideOne,
  kSuboffsetsAfterLen0,
  kNegativeSuboffsetsIgnored,
  kInvalidOrderAnswers1,
  // §1.4 memoryview flags
  kScalarFlagMissing,
  kPilKeepsCF,
  kFlags1dIgnoresExtent1,
  // §1.1-§1.3, §2.1-§2.3 constructors
  kNullFormatKept,
  kNullFormatNotUtf8,
  kNullFormatItemsize1,
  kLenRecomputed,
  kRebuiltShapeRoundsUp,
  kFromBufferBufCheckLate,
  kNdimLimitOffByOne,
  kNdimLimitBufferError,
  kFromViewNewMbuf,
  kFromViewGetbufferAgain,
  kRequestFlagsFull,
  kReleaseAtConstruction,
  kReleaseTwiceOnNdimError,
  kNonBufferMessageNoPrefix,
  // §2.4 GetContiguous
  kContigNoCopyBaseNull,
  kWriteCheckAfterContiguity,
  kNoncontigMessageNoPeriod,
  kBuffertype0AsWrite,
  kCopyCOrderForF,
  kCopyAFortran,
  kCopyKeepsSuboffsets,
  kCopyFormatShared,
  // §4 buffer functions
  kToContiguousShortLenAccepted,
  kFromContiguousNoClamp,
  kFromContiguousAFortran,
  kFillStridesAAsF,
  kGetPointerWrapsNegative,
  kFillInfoRejectsReadonlyNonzero,
  kFillInfoFormatAlways,
  kFillInfoShapeOnStridesBit,
  kReleaseSkipsReleasebuffer,
  // §4.8 memory_getbuf, §5.9 release with exports
  kGetbufSuboffsetsBeforeContig,
  kGetbufNoFormatItemsize1,
  kReleaseExportsNoPlural,
  // §4.7 PyBuffer_SizeFromFormat
  kCalcsizeZeroCountNoAlign,
  kCalcsizeStandardAligns,
  // §4.3 PyObject_CopyData
  kCopyDataMixedOrderMemcpy,
  // §5.2 tobytes, §5.3 hex
  kTobytesAAsC,
  kHexSepFromLeft,
  // §5.5 indexing, §5.6 assignment
  kIndexNoNegativeWrap,
  kReadonlyBeforeFormat,
  kSliceAssignIgnoresFormat,
  kSliceAssignAtNotStripped,
  // §5.7 cast
  kCastZerosRuleAlways,
  // §5.10 equality
  kCompareNanEqual,
  kCompareShapeFullScan,
  kCompareBadFormatRaises,
  kUnpackIgnoresByteOrder,
  // §5.11 hash
  kHashWritableAllowed,
  kHashFortranPhysical,
  kHashIgnoresExporter,
  kHashExporterBeforeFormat,
  // §1.1 managed buffer, §5.9 release and references (the lifecycle model)
  kFreeWaitsForReleasedSiblings,
  kFreeIgnoresExports,
  kReleaseIgnoresExports,
  kHashNotCached,
  // §5.14 PEP 688 (3.12+)
  kReleaseBufferNoIdentityCheck,
};

#ifndef MVCONF_IMPL_DEFAULT_MINOR
#define MVCONF_IMPL_DEFAULT_MINOR 11
#endif

struct Rules {
  Mutation mutation = Mutation::kNone;
  /// A second broken rule, for compound mutants ("a+b": two independent bugs in one port).
  Mutation also = Mutation::kNone;
  /// The CPython 3.x minor version whose behaviour to reproduce (8 to 13).
  int target_minor = MVCONF_IMPL_DEFAULT_MINOR;

  bool broken(Mutation m) const { return mutation == m || also == m; }
  /// True when the target is CPython 3.`minor` or later.
  bool since(int minor) const { return target_minor >= minor; }
};

/// The unbroken rules of CPython 3.`minor`.
inline Rules rules_for(int minor) {
  Rules r;
  r.target_minor = minor;
  return r;
}

/// The rules of the faithful impl (no mutation).
inline const Rules &faithful_rules() {
  static const Rules rules{};
  return rules;
}

}  // namespace mvconf::impl

#endif  // MVCONF_IMPL_RULES_H

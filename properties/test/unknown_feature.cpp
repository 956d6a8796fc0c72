// Must not compile: a property requiring a feature no port can declare ("python-api" for
// "python_api") would be skipped for every port. selftest.UnknownFeatureDoesNotCompile
// compiles this file and expects the static_assert of MVCONF_PROP.
#include "mvconf/harness/check.h"

MVCONF_PROP(Typo, FeatureNameIsChecked, "python-api") {}

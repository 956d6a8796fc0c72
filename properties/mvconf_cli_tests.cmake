# Self-tests of the command line (label `cli`): the version, each subcommand's help, the listings,
# gtest options passing through, and wrong input, which must exit 2 with a message that names the
# problem once ("mvconf list: ...", never "mvconf: mvconf: ...").

# mvconf_cli_test(NAME EXIT MATCH ARGS...): run `mvconf ARGS...`, require exit status EXIT,
# every regex of the ;-list MATCH, and no doubled program name in the output.
function(mvconf_cli_test name exit match)
  set(command $<TARGET_FILE:mvconf> ${ARGN})
  add_test(NAME cli.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=${exit} "-DCOMMAND=${command}" "-DMATCH=${match}"
                   "-DNOMATCH=mvconf[a-z -]*: mvconf:"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(cli.${name} PROPERTIES LABELS "cli" TIMEOUT 120)
endfunction()

# The version is project(VERSION), compiled in once.
mvconf_cli_test(Version 0 "^mvconf ${PROJECT_VERSION}[^.0-9];corpus: /" --version)
mvconf_cli_test(Help 0 "run +run the conformance suite;replay ;list ;mutants ;diff-versions ;serve ;merge "
  --help)
mvconf_cli_test(RunHelp 0
  "Usage: mvconf run;--port SPEC=impl;--cases N;--expect FILE;--json FILE;--fail-fast;-v,--verbose;--gtest_filter=PATTERN"
  run --help)
mvconf_cli_test(MergeHelp 0 "Usage: mvconf merge;files FILE [.][.][.];--expect FILE;--json FILE"
  merge --help)
mvconf_cli_test(MergeNeedsFiles 2 "mvconf merge: files is required" merge)
mvconf_cli_test(ShardOutOfRange 2 "mvconf run: --shard: needs I/N with 1 <= I <= N" run --shard 3/2)
mvconf_cli_test(ReplayHelp 0 "Usage: mvconf replay;files FILE [.][.][.];--port SPEC;--expect FILE;-v,--verbose"
  replay --help)
mvconf_cli_test(ListOverview 0 "ports +impl, ;properties +[1-9][0-9]* in [1-9][0-9]* suites;mutants +[1-9]"
  list)
mvconf_cli_test(ListPorts 0 "spec +port;exec:COMMAND +a process;mutant:NAME +the impl" list ports)
mvconf_cli_test(ListProperties 0 "GetContiguous.CopyOrShareAgreesWithCPython +constructors"
  list properties)
mvconf_cli_test(ListFeatures 0 "python_api +[1-9][0-9]* +PyBytes" list features)
mvconf_cli_test(ListMutants 0 "copy_writable +get-contiguous[.]copy-readonly" list mutants)
mvconf_cli_test(GtestListPassesThrough 0 "IsContiguous[.][^A-Za-z]+AgreesWithCPythonForEveryOrder"
  run --gtest_list_tests)
# `mvconf OPTIONS` is `mvconf run OPTIONS` (ctest's gtest discovery runs it so).
mvconf_cli_test(RunIsTheDefault 0 "properties: 1 passed" --cases 10 --gtest_filter=GetPointer.*)

# Wrong input: exit 2, saying what is wrong.
mvconf_cli_test(UnknownCommand 2 "mvconf: unknown command 'nonsense'" nonsense)
mvconf_cli_test(ListRefusesPort 2 "mvconf list: unexpected argument[(]s[)]: --port" list --port nonsense)
mvconf_cli_test(ListUnknownTopic 2 "mvconf list: unknown topic 'nonsense'" list nonsense)
mvconf_cli_test(MutantsRefusesPort 2 "mvconf mutants: unexpected argument[(]s[)]: --port impl"
  mutants --port impl)
mvconf_cli_test(DiffVersionsRefusesOracle 2
  "mvconf diff-versions: unexpected argument[(]s[)]: --oracle cpython:3.9"
  diff-versions --oracle cpython:3.9)
mvconf_cli_test(ReplayRefusesRunOptions 2 "mvconf replay: unexpected argument[(]s[)]: --cases"
  replay --cases 10 ${PROJECT_SOURCE_DIR}/fixtures/cases)
mvconf_cli_test(ReplayNeedsAFile 2 "mvconf replay: needs a case file" replay --port impl)
mvconf_cli_test(ReplayUnreadableFile 2 "mvconf replay: no such file or directory: /nonexistent"
  replay /nonexistent)
mvconf_cli_test(ServeNeedsAPort 2 "mvconf serve: --port is required" serve)
mvconf_cli_test(UnknownOption 2 "mvconf run: unknown option '--bogus'" run --bogus)
mvconf_cli_test(RunTakesNoFiles 2 "mvconf run: unexpected argument 'case.jsonl'" run case.jsonl)
mvconf_cli_test(UnknownPort 2 "mvconf run: unknown port 'nonsense' [(]see mvconf list ports[)]"
  run --port nonsense)
mvconf_cli_test(UnknownMutant 2 "mvconf run: unknown mutant 'nope' [(]see mvconf list mutants[)]"
  run --port mutant:nope)
mvconf_cli_test(SeedNotANumber 2 "mvconf run: --seed: needs a whole number, not 'x'" run --seed x)
mvconf_cli_test(TimeoutZero 2 "mvconf run: --timeout: needs a whole number from 1" run --timeout 0)
mvconf_cli_test(MaxClassesZero 2 "mvconf run: --max-classes: needs a whole number from 1"
  run --max-classes 0)
mvconf_cli_test(MutantsCasesZero 2 "mvconf mutants: --cases: needs a whole number from 1"
  mutants --cases 0)
mvconf_cli_test(MissingValue 2 "mvconf run: --cases needs a value [(]N[)]" run --cases)
mvconf_cli_test(UnreadableExpectations 2 "mvconf run: cannot read expectations file /nonexistent.json"
  run --expect /nonexistent.json)
# --without leaves out a feature the port declares, each skipped property saying so; a feature
# the port does not declare is refused (it would leave out nothing).
mvconf_cli_test(WithoutSkipsVisibly 0
  "PyBytes[.][A-Za-z]+ +skipped;skipped: feature 'python_api' excluded by --without [(]1 property"
  run --without python_api --cases 5 --gtest_filter=PyBytes.*:IsContiguous.*)
mvconf_cli_test(WithoutUndeclaredRefused 2
  "mvconf run: --without size_from_format: the port declares no such feature [(]it declares: constructors"
  run --port impl:3.8 --without size_from_format)

# An expectations file that pins its oracle: another --oracle, or an oracle this machine
# lacks, is refused before anything runs.
mvconf_cli_test(ExpectationsOracleConflict 2
  "mvconf run: .*pyodide[.]json lists differences from --oracle cpython:3[.]13: judged by cpython:3[.]8"
  run --expect ${PROJECT_SOURCE_DIR}/fixtures/expectations/pyodide.json --oracle cpython:3.8)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/oracle-3.99.json
     "{\"oracle\": \"cpython:3.99\", \"expectations\": []}\n")
mvconf_cli_test(ExpectationsOracleMissing 2
  "mvconf run: .*oracle-3[.]99[.]json needs its oracle cpython:3[.]99, which cannot be opened"
  run --expect ${CMAKE_CURRENT_BINARY_DIR}/oracle-3.99.json)

# `replay --svg` writes the memory map of each diverging case (a mutant of the impl diverges).
mvconf_cli_test(ReplayWritesMemoryMaps 1 "DIFF ;memory map: [^\n]*replay-map-1[.]svg"
  replay ${PROJECT_SOURCE_DIR}/fixtures/cases --port mutant:innermost_stride_one
  --svg ${CMAKE_CURRENT_BINARY_DIR}/replay-map)
# `matrix`: its rows come from one entries file, checked before anything runs.
mvconf_cli_test(MatrixHelp 0 "Usage: mvconf matrix;--run;--only ID;--entries FILE;--out DIR" matrix --help)
mvconf_cli_test(MatrixUnknownRow 2 "mvconf matrix: --only nosuchrow: no such row [(]rows: "
  matrix --run --only nosuchrow --entries ${PROJECT_SOURCE_DIR}/fixtures/matrix/entries.json
  --out ${CMAKE_CURRENT_BINARY_DIR}/matrix-unused --no-findings)
mvconf_cli_test(MatrixBadEntries 2 "mvconf matrix: .*/CMakeLists.txt: not a JSON object"
  matrix --entries ${PROJECT_SOURCE_DIR}/CMakeLists.txt --out ${CMAKE_CURRENT_BINARY_DIR}/matrix-unused
  --no-findings)
mvconf_cli_test(MatrixMissingEntries 2 "mvconf matrix: cannot read the matrix entries file /nonexistent"
  matrix --entries /nonexistent --no-findings)

"""The test and evaluation harness: scripted dialogue suite, audit, understanding scores,
fakes. Imported only by tests and benchmarks."""

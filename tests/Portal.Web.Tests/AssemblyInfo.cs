// Hangfire keeps its storage and log provider in process-wide statics, so two app hosts alive at
// once in one test process step on each other. Host-based tests therefore run one class at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

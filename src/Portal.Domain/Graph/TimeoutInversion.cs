namespace Portal.Domain.Graph;

/// <summary>
/// A caller that gives up before its callee may: the caller waits <see cref="CallerTimeoutMs"/>, the callee
/// may legitimately spend <see cref="CalleeBudgetMs"/> on its own slowest downstream call (timeout × attempts),
/// so work goes on below after nobody is waiting for it.
/// </summary>
/// <param name="Caller">The service that gives up first.</param>
/// <param name="Callee">The service that goes on working.</param>
/// <param name="CallerTimeoutMs">The caller's timeout on the callee.</param>
/// <param name="CalleeBudgetMs">The callee's slowest downstream edge, timeout × attempts.</param>
/// <param name="WorstDownstream">The callee's downstream edge that sets <see cref="CalleeBudgetMs"/>.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record TimeoutInversion(
    string Caller,
    string Callee,
    int CallerTimeoutMs,
    long CalleeBudgetMs,
    EdgeRef WorstDownstream,
    string Summary,
    string Remedy) : IGraphFinding;

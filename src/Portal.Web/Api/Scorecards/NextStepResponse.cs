namespace Portal.Web.Api.Scorecards;

/// <summary>
/// One next step of a scorecard: raise <c>Signal</c> from <c>From</c> to <c>To</c> by fixing <c>Criteria</c> (keys,
/// cheapest first) in about <c>Days</c> engineer-days. <c>Priority</c> is (1 + log2(1 + blast radius)) per day: sort
/// steps of many services by it, highest first, to fix cheap things on widely depended-on services first.
/// </summary>
public sealed record NextStepResponse(string Signal, string From, string To, IReadOnlyList<string> Criteria, double Days, bool RaisesOverall, double Priority);

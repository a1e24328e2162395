using Microsoft.EntityFrameworkCore;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Reviews;

/// <summary>The review services wired as the app wires them, on one test database and clock; closes are only recorded.</summary>
internal sealed class ReviewTestServices
{
    public ReviewTestServices(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
    {
        Graphs = new GraphService(factory);
        Frameworks = new FrameworkStore(factory, clock);
        Scores = new DebtScores(factory, Graphs, clock);
        Evaluation = new ScorecardEvaluation(factory, Graphs, Frameworks, new ScorecardFactsLoader(factory, new DebtQueries(factory, Scores, clock)), clock);
        OpenDebt = new OpenDebtReader(factory, Scores);
        Reviews = new ReviewCommands(factory, CloseQueue, clock);
        Records = new ReviewRecordCommands(factory, clock);
        Queries = new ReviewQueries(factory, Evaluation, Frameworks, Graphs, OpenDebt, clock);
        Closer = new ReviewCloser(factory, Evaluation, Frameworks, Graphs, OpenDebt, clock);
    }

    public RecordingCloseQueue CloseQueue { get; } = new();

    public GraphService Graphs { get; }

    public FrameworkStore Frameworks { get; }

    public DebtScores Scores { get; }

    public ScorecardEvaluation Evaluation { get; }

    public OpenDebtReader OpenDebt { get; }

    public ReviewCommands Reviews { get; }

    public ReviewRecordCommands Records { get; }

    public ReviewQueries Queries { get; }

    public ReviewCloser Closer { get; }
}

/// <summary>A close queue that only records what was queued (the test runs the close itself, or not at all).</summary>
internal sealed class RecordingCloseQueue : IReviewCloseQueue
{
    public List<(Guid ReviewId, int Revision)> Queued { get; } = [];

    public void Enqueue(Guid reviewId, int revision) => Queued.Add((reviewId, revision));
}

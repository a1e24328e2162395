using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Throws on the <c>failOnSave</c>-th SaveChanges of any context it is attached to, as a lost connection would.</summary>
internal sealed class FailingSaves(int failOnSave) : SaveChangesInterceptor
{
    public int Saves { get; private set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saves++;
        return Saves == failOnSave
            ? throw new InvalidOperationException($"save {Saves} failed on purpose")
            : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

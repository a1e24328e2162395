namespace Portal.Domain.Graph;

/// <summary>
/// A resource (typically a database) used by more than one service. Several writers, and users from
/// several teams, make every schema change a coordination event.
/// </summary>
/// <param name="Resource">The resource's ref.</param>
/// <param name="DisplayName">The resource's title or name.</param>
/// <param name="OwnerTeam">The resource's owner team; null when unowned.</param>
/// <param name="Users">Each service that uses it, by ref; when there are more than <c>maxListed</c>, that many, writers first.</param>
/// <param name="UserCount">How many services use it, listed or not.</param>
/// <param name="Writers">Users that may write, including <see cref="UndeclaredAccess"/>.</param>
/// <param name="UndeclaredAccess">Users that declare no write but have an edge without a declared access, so count as possible writers.</param>
/// <param name="Teams">Distinct owner teams of the users, by name (the first <c>maxListed</c>); <see cref="GraphAnalysis.Unowned"/> for services without one.</param>
/// <param name="TeamCount">How many teams the users belong to, listed or not.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record SharedResource(
    string Resource,
    string DisplayName,
    string? OwnerTeam,
    IReadOnlyList<ResourceUser> Users,
    int UserCount,
    int Writers,
    int UndeclaredAccess,
    IReadOnlyList<string> Teams,
    int TeamCount,
    string Summary,
    string Remedy) : IGraphFinding
{
    public bool MultipleWriters => Writers > 1;

    public bool CrossTeam => TeamCount > 1;

    /// <summary>True when <see cref="Users"/> or <see cref="Teams"/> lists only some.</summary>
    public bool Truncated => Users.Count < UserCount || Teams.Count < TeamCount;
}

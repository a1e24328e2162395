namespace Portal.Domain.Reviews;

/// <summary>Which teams and services a review or an initiative covers: the named teams and every team below them.</summary>
public static class ReviewScope
{
    /// <summary>
    /// The named teams with all their descendants (a product area brings its teams); empty when
    /// <paramref name="chosen"/> is empty, which means the whole organisation. Safe on a parent loop.
    /// </summary>
    public static HashSet<Guid> ExpandTeams(IReadOnlyCollection<Guid> chosen, IEnumerable<(Guid Id, Guid? ParentId)> teams)
    {
        var result = new HashSet<Guid>(chosen);
        if (result.Count == 0)
        {
            return result;
        }

        var children = teams.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var queue = new Queue<Guid>(result);
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (result.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>True when a service owned by <paramref name="ownerTeamId"/> is in a scope of <paramref name="expanded"/> teams (empty: everything).</summary>
    public static bool Covers(HashSet<Guid> expanded, Guid? ownerTeamId) =>
        expanded.Count == 0 || (ownerTeamId is { } id && expanded.Contains(id));
}

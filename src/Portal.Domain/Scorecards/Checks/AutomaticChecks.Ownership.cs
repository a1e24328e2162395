namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>An owner team exists in the catalog and has people.</summary>
    public static AutomaticCheck OwnerWithMembers { get; } = Check(
        "owner-with-members",
        "The service names an owner, the owner is a team in the catalog that still exists, and the team has members.",
        c =>
        {
            var o = c.Service.Owner;
            if (o.OwnerRef is null && o.TeamRef is null)
            {
                return CheckOutcome.Fail("No owner is named: nobody is accountable when it breaks.", c.Service.CatalogAsOf);
            }

            if (o.IsPending)
            {
                return CheckOutcome.Unknown($"Names '{o.OwnerRef}' as owner, which is not in the catalog yet (pending), so its members cannot be checked.", c.Service.CatalogAsOf);
            }

            if (o.IsGone)
            {
                return CheckOutcome.Fail($"Owned by {o.TeamDisplayName}, a team that no longer exists where it came from.", c.Service.CatalogAsOf);
            }

            return o.Members > 0
                ? CheckOutcome.Pass(Invariant($"Owned by {o.TeamDisplayName} ({Plural(o.Members, "member", "members")})."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail($"Owned by {o.TeamDisplayName}, which has no members.", c.Service.CatalogAsOf);
        });

    /// <summary>The owner team is paged, through a rotation of its own people.</summary>
    public static AutomaticCheck OnCallCoversOwner { get; } = Check(
        "on-call-covers-owner",
        "Pages go to the owner team, which has an on-call rotation with people, at least one of them from the owner team.",
        c =>
        {
            var o = c.Service.Owner;
            if (o.IsPending)
            {
                return CheckOutcome.Unknown($"The owner '{o.OwnerRef}' is not in the catalog yet (pending), so its on-call cannot be checked.", c.Service.CatalogAsOf);
            }

            if (o.TeamRef is null)
            {
                return CheckOutcome.Fail("No owner team, so no one is on call for it by ownership.", c.Service.CatalogAsOf);
            }

            if (o.OnCallTeamRef is { } paged && paged != o.TeamRef)
            {
                return CheckOutcome.Fail($"Pages go to {paged}, not to the owner {o.TeamRef}: whoever is woken up cannot change the code.", c.Service.CatalogAsOf);
            }

            var r = c.Service.OnCall;
            if (r.Rotations == 0)
            {
                return CheckOutcome.Fail($"{o.TeamDisplayName} has no on-call rotation.", c.Service.CatalogAsOf);
            }

            if (r.RotationsWithPeople == 0)
            {
                return CheckOutcome.Fail($"{o.TeamDisplayName} has {Plural(r.Rotations, "rotation", "rotations")} but nobody in them.", c.Service.CatalogAsOf);
            }

            return r.ParticipantsInOwnerTeam > 0
                ? CheckOutcome.Pass(Invariant($"{Plural(r.ParticipantsInOwnerTeam, "person", "people")} of {o.TeamDisplayName} rotate on call across {Plural(r.Rotations, "rotation", "rotations")}."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail($"The {Plural(r.Participants, "person", "people")} on call for {o.TeamDisplayName} are not members of it.", c.Service.CatalogAsOf);
        });

    /// <summary>A service other teams call provides an API in the catalog.</summary>
    public static AutomaticCheck ApiContract { get; } = Check(
        "api-contract",
        "When services of other teams call it, the service provides at least one API in the catalog: a contract they can rely on.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var g = c.Graph.Graph;
            var team = c.Service.Owner.TeamRef;
            var callers = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var u in g.Callers(c.Node))
            {
                if (u != c.Node && (team is null || g.Nodes[u].OwnerTeam != team))
                {
                    callers.Add(g.Nodes[u].Ref);
                }
            }

            if (callers.Count == 0)
            {
                return CheckOutcome.Pass("No service of another team calls it.", c.Service.CatalogAsOf);
            }

            return c.Service.ProvidedApis > 0
                ? CheckOutcome.Pass(Invariant($"Provides {Plural(c.Service.ProvidedApis, "API", "APIs")} for the {Plural(callers.Count, "service", "services")} of other teams that call it."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(Invariant($"{Plural(callers.Count, "service", "services")} of other teams call it ({Names(callers)}) but it provides no API in the catalog."), c.Service.CatalogAsOf);
        });
}

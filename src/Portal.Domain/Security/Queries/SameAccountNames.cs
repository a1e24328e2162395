using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Security.Queries;

/// <summary>
/// Widens a set of actor names to every name that stands for the same people now, for four-eyes rules: a person
/// (<c>ns/name</c>) and the sign-in account linked to them now (<c>oidc:&lt;subject&gt;</c>), in both directions; an
/// API token (<c>token:&lt;name&gt;</c>) and the names of whoever created any token of that name. Names kept at the
/// time (a request's requester, a token's creator) may predate a link or an unlink; closing both sides over the links
/// of today as well means neither a link made since nor a token made since lets the same person decide their own
/// request.
/// </summary>
internal static class SameAccountNames
{
    /// <summary>Rounds of widening: person → account → token creator → their account is three; more never adds names in practice.</summary>
    private const int MaxRounds = 4;

    /// <summary>Every name of <paramref name="names"/> and every name linked to one of them (case-insensitive).</summary>
    public static async Task<HashSet<string>> CloseAsync(PortalDbContext db, IEnumerable<string> names, CancellationToken ct)
    {
        var all = new HashSet<string>(names.Where(n => !string.IsNullOrEmpty(n)), StringComparer.OrdinalIgnoreCase);
        var fresh = all.ToList();
        for (var round = 0; round < MaxRounds && fresh.Count > 0; round++)
        {
            var found = new List<string>();
            var tokenNames = fresh.Where(n => n.StartsWith(TokenPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => ApiToken.KeyOf(n[TokenPrefix.Length..])).ToHashSet(StringComparer.Ordinal);
            if (tokenNames.Count > 0)
            {
                // Every token of those names, revoked ones included, through the index on the folded name; tokens made
                // before it was kept have none and are compared with .NET's case folding.
                var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.NameFolded == null || tokenNames.Contains(t.NameFolded)).ToListAsync(ct);
                found.AddRange(tokens.Where(t => tokenNames.Contains(ApiToken.KeyOf(t.Name))).SelectMany(t => t.Creators()));
            }

            var subjects = fresh.Where(n => n.StartsWith(AccountPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => n[AccountPrefix.Length..]).Distinct(StringComparer.Ordinal).ToList();
            if (subjects.Count > 0)
            {
                var linked = await db.People.AsNoTracking().Where(p => p.SignInSubject != null && subjects.Contains(p.SignInSubject))
                    .Select(p => new { p.Namespace, p.Name }).ToListAsync(ct);
                found.AddRange(linked.Select(p => EntityRef.Format(p.Namespace, p.Name)));
            }

            var people = fresh.Where(n => !n.Contains(':', StringComparison.Ordinal)).Select(EntityRef.Parse).ToList();
            if (people.Count > 0)
            {
                // Namespace and name both given, so the (namespace, name) index serves the lookup.
                var namespaces = people.SelectMany(p => new[] { p.Namespace, p.Namespace.ToLowerInvariant() }).Distinct(StringComparer.Ordinal).ToList();
                var personNames = people.SelectMany(p => new[] { p.Name, p.Name.ToLowerInvariant() }).Distinct(StringComparer.Ordinal).ToList();
                var accounts = await db.People.AsNoTracking()
                    .Where(p => namespaces.Contains(p.Namespace) && personNames.Contains(p.Name) && p.SignInSubject != null)
                    .Select(p => new { p.Namespace, p.Name, p.SignInSubject }).ToListAsync(ct);
                found.AddRange(accounts
                    .Where(a => people.Any(p => string.Equals(p.Namespace, a.Namespace, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Name, a.Name, StringComparison.OrdinalIgnoreCase)))
                    .Select(a => AccountPrefix + a.SignInSubject));
            }

            fresh = [.. found.Where(all.Add)];
        }

        return all;
    }

    /// <summary>The names <paramref name="actor"/> acts under or answers for, widened by <see cref="CloseAsync"/>.</summary>
    public static Task<HashSet<string>> OfAsync(PortalDbContext db, Actor actor, CancellationToken ct) =>
        CloseAsync(db, [actor.Name, .. actor.OtherNames, .. actor.AnswersFor], ct);

    private const string TokenPrefix = "token:";

    private const string AccountPrefix = "oidc:";
}

namespace Portal.Web.Components.Shared;

/// <summary>
/// Colours for owner teams. Each team starts from a slot chosen by a hash of its name, so it keeps its colour
/// from page to page; teams whose slots clash move on to the next free one (in name order), so no two
/// teams of one catalog share a colour while there are fewer teams than colours. Red is left out: the graph
/// uses it for highlighting. Nodes without an owner are grey.
/// </summary>
public static class TeamColors
{
    public static readonly TeamColor Unowned = new("#6e7781", "#eaeef2");

    // Tableau 10 without red and grey, plus cyan, olive, magenta and navy: distinct on white and from each other.
    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
        "#9c755f", "#ff9da7", "#17becf", "#bcbd22", "#e7298a", "#393b79",
    ];

    /// <summary>Assigns every team in <paramref name="teams"/> its colour; the same set always gives the same answer.</summary>
    public static IReadOnlyDictionary<string, TeamColor> Assign(IEnumerable<string> teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var taken = new bool[Palette.Length];
        var free = Palette.Length;
        var result = new Dictionary<string, TeamColor>(StringComparer.OrdinalIgnoreCase);
        foreach (var team in teams.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var slot = (int)(Hash(team) % (uint)Palette.Length);

            // With more teams than colours clashes cannot be avoided; then the hash alone decides.
            if (free > 0)
            {
                while (taken[slot])
                {
                    slot = (slot + 1) % Palette.Length;
                }

                taken[slot] = true;
                free--;
            }

            result[team] = new TeamColor(Palette[slot], Pale(Palette[slot]));
        }

        return result;
    }

    /// <summary>FNV-1a over the lower-cased name: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>The colour mixed with three parts white, for fills that dark text stays readable on.</summary>
    private static string Pale(string hex)
    {
        var rgb = Convert.FromHexString(hex.AsSpan(1));
        return "#" + Convert.ToHexStringLower([.. rgb.Select(c => (byte)(c + ((255 - c) * 3 / 4)))]);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// The git objects of a repository's files: real git blob and tree shas (<c>sha1("blob {len}\0" + bytes)</c>),
/// so a sha the fake answers is the one git would compute for the same files.
/// </summary>
internal sealed class GitSnapshot
{
    private GitSnapshot(string headSha, GitTree root, Dictionary<string, GitTree> trees, Dictionary<string, GitBlob> blobs)
    {
        HeadSha = headSha;
        Root = root;
        TreesByPath = trees;
        BlobsByPath = blobs;
        TreesBySha = trees.Values.GroupBy(t => t.Sha).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        BlobsBySha = blobs.Values.GroupBy(b => b.Sha).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string HeadSha { get; }

    public GitTree Root { get; }

    /// <summary>Directories by path; the root is "".</summary>
    public IReadOnlyDictionary<string, GitTree> TreesByPath { get; }

    public IReadOnlyDictionary<string, GitBlob> BlobsByPath { get; }

    public IReadOnlyDictionary<string, GitTree> TreesBySha { get; }

    public IReadOnlyDictionary<string, GitBlob> BlobsBySha { get; }

    public static GitSnapshot Build(IReadOnlyDictionary<string, string> files, string headSha)
    {
        var blobs = files.ToDictionary(
            f => f.Key,
            f =>
            {
                var bytes = Encoding.UTF8.GetBytes(f.Value);
                return new GitBlob(f.Key, BlobSha(bytes), bytes);
            },
            StringComparer.Ordinal);

        var directories = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var path in files.Keys)
        {
            for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
            {
                directories.Add(path[..slash]);
            }
        }

        var trees = new Dictionary<string, GitTree>(StringComparer.Ordinal);

        // Deepest directories first, so a parent can use its children's shas.
        foreach (var dir in directories.OrderByDescending(d => d.Length == 0 ? 0 : d.Count(c => c == '/') + 1))
        {
            var entries = new List<GitTreeEntry>();
            foreach (var sub in directories.Where(d => d.Length > 0 && Parent(d) == dir))
            {
                entries.Add(new GitTreeEntry(Leaf(sub), sub, IsTree: true, trees[sub].Sha, 0));
            }

            foreach (var blob in blobs.Values.Where(b => Parent(b.Path) == dir))
            {
                entries.Add(new GitTreeEntry(Leaf(blob.Path), blob.Path, IsTree: false, blob.Sha, blob.Content.Length));
            }

            // Git orders entries by name, comparing a directory's name as if it ended in '/'.
            entries.Sort((a, b) => string.CompareOrdinal(a.Name + (a.IsTree ? "/" : string.Empty), b.Name + (b.IsTree ? "/" : string.Empty)));
            trees[dir] = new GitTree(dir, TreeSha(entries), entries);
        }

        return new GitSnapshot(headSha, trees[string.Empty], trees, blobs);
    }

    /// <summary>Every entry below <paramref name="tree"/>, depth first like GitHub's recursive tree.</summary>
    public IEnumerable<GitTreeEntry> Descendants(GitTree tree)
    {
        foreach (var entry in tree.Entries)
        {
            yield return entry;
            if (entry.IsTree)
            {
                foreach (var child in Descendants(TreesByPath[entry.Path]))
                {
                    yield return child;
                }
            }
        }
    }

    public static string BlobSha(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }

    private static string TreeSha(List<GitTreeEntry> entries)
    {
        using var body = new MemoryStream();
        foreach (var entry in entries)
        {
            body.Write(Encoding.UTF8.GetBytes($"{(entry.IsTree ? "40000" : "100644")} {entry.Name}\0"));
            body.Write(Convert.FromHexString(entry.Sha));
        }

        var header = Encoding.ASCII.GetBytes($"tree {body.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. body.ToArray()]));
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('/') + 1)..];
}

internal sealed record GitBlob(string Path, string Sha, byte[] Content);

internal sealed record GitTree(string Path, string Sha, IReadOnlyList<GitTreeEntry> Entries);

/// <summary>One entry of a tree; <see cref="Path"/> is from the repository root.</summary>
internal sealed record GitTreeEntry(string Name, string Path, bool IsTree, string Sha, int Size)
{
    public string Mode => IsTree ? "040000" : "100644";
}

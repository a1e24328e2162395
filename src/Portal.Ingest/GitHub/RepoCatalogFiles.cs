namespace Portal.Ingest.GitHub;

/// <summary>
/// The catalog files read from one repository, within <see cref="CatalogFileLimits"/>: sizes come from the tree,
/// so a file is refused before it is downloaded; a blob sha already read is not downloaded again.
/// </summary>
internal sealed class RepoCatalogFiles(CatalogFileLimits limits, Func<string, string, Task<string>> download)
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _shas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _textBySha = new(StringComparer.Ordinal);
    private readonly List<RepoFileProblem> _problems = [];
    private long _bytes;

    public IReadOnlyDictionary<string, string> Files => _files;

    public IReadOnlyDictionary<string, string> Shas => _shas;

    public IReadOnlyList<RepoFileProblem> Problems => _problems;

    public bool Has(string path) => _files.ContainsKey(path) || _problems.Any(p => p.Path == path);

    /// <summary>Why a file of <paramref name="size"/> bytes may not be read now, or null when it may.</summary>
    public string? Refusal(string path, long size)
    {
        if (_files.Count >= limits.MaxFiles)
        {
            return $"not read: this repository already has {limits.MaxFiles:N0} catalog files, the most Portal reads from one repository";
        }

        if (size > limits.MaxFileBytes)
        {
            return $"not read: the file is {size:N0} bytes, beyond the limit of {limits.MaxFileBytes:N0} bytes for one catalog file";
        }

        return _bytes + size > limits.MaxTotalBytes
            ? $"not read: with its {size:N0} bytes this repository's catalog files would pass {limits.MaxTotalBytes:N0} bytes, the limit for one repository"
            : null;
    }

    /// <summary>Reads the file when the limits allow it; otherwise records the problem, naming the limit.</summary>
    public async Task ReadAsync(string path, string sha, long size)
    {
        if (Refusal(path, size) is { } refused)
        {
            _problems.Add(new RepoFileProblem(path, refused));
            return;
        }

        _bytes += size;
        if (!_textBySha.TryGetValue(sha, out var text))
        {
            text = await download(path, sha);
            _textBySha[sha] = text;
        }

        _files[path] = text;
        _shas[path] = sha;
    }
}

using System.Globalization;
using System.Text;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Reads Backstage catalog files into validated entities and a list of problems, without a database.
/// Multi-document files are split on <c>---</c>; Location entities are followed to the files they name
/// (relative to the Location's own file; URLs are reported and skipped, never fetched); every file is
/// read once however many Locations name it. One bad document never stops the others. Every file is read
/// within <see cref="YamlLimits"/>: a file that breaks one is reported (file, document, line, limit) and
/// nothing in it is imported, like a file with a syntax error.
/// </summary>
public static class BackstageCatalogReader
{
    /// <summary>
    /// Reads <paramref name="files"/> (paths relative to the import root) and whatever their Locations
    /// name. <paramref name="loadFile"/> returns the content of a root-relative path not among
    /// <paramref name="files"/>, or null when it does not exist; without it such targets are reported missing.
    /// </summary>
    public static CatalogReadResult Read(IReadOnlyList<CatalogFile> files, Func<string, string?>? loadFile = null, CatalogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var file in files)
        {
            var path = CatalogPaths.Normalize(file.Path);
            if (given.TryAdd(path, file.Content))
            {
                paths.Add(path);
            }
        }

        return Read(paths, path => given.TryGetValue(path, out var content) ? content : loadFile?.Invoke(path), loadFile is not null, options);
    }

    /// <summary>
    /// Reads the files at <paramref name="paths"/> (relative to the import root, each loaded by
    /// <paramref name="loadFile"/> when its turn comes, so only one file's text is held at a time) and
    /// whatever their Locations name. <paramref name="loadFile"/> returns null for a path that does not exist;
    /// <paramref name="canLoadOthers"/> says whether it may know paths beyond <paramref name="paths"/> (a
    /// directory) or not (uploaded files), for the wording of a missing Location target. A loader may throw
    /// <see cref="CatalogFileTooLargeException"/> to refuse a file before reading it.
    /// </summary>
    public static CatalogReadResult Read(IReadOnlyList<string> paths, Func<string, string?> loadFile, bool canLoadOthers = true, CatalogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(loadFile);
        options ??= CatalogReadOptions.Default;
        var limits = options.Limits;
        var known = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var path in paths.Select(CatalogPaths.Normalize))
        {
            if (known.Add(path))
            {
                queue.Enqueue(path);
            }
        }

        var problems = new List<ImportProblem>();
        var entities = new List<BackstageEntity>();
        var rejected = new List<RejectedEntity>();
        var filesRead = new List<string>();
        var broken = new List<string>();
        var seen = new Dictionary<EntityKey, BackstageEntity>();
        var missing = new HashSet<string>(StringComparer.Ordinal);

        // Location targets are loaded when followed (that is how their existence is checked) and kept until read.
        var loaded = new Dictionary<string, string>(StringComparer.Ordinal);

        while (queue.TryDequeue(out var path))
        {
            string? content;
            try
            {
                content = loaded.Remove(path, out var early) ? early : loadFile(path);
            }
            catch (CatalogFileTooLargeException e)
            {
                broken.Add(path);
                problems.Add(TooLarge(path, e.Bytes, limits));
                continue;
            }

            if (content is not null && IsTooLarge(content, limits, out var bytes))
            {
                broken.Add(path);
                problems.Add(TooLarge(path, bytes, limits));
                continue;
            }

            if (content is null)
            {
                // Listed but gone between listing and reading; Location targets are checked before they are queued.
                broken.Add(path);
                problems.Add(new ImportProblem(path, 0, null, "the file could not be read; nothing in it was imported.", ProblemSeverity.Error));
                continue;
            }

            // Each document is validated as soon as it is parsed and its YAML nodes are dropped; the outcomes
            // wait until the whole file has parsed, because a syntax error anywhere means nothing of it is imported.
            var outcomes = new List<(int Document, DocumentOutcome Outcome)>();
            var document = 0;
            var syntaxError = BackstageYaml.ForEachDocument(content, yaml =>
            {
                document++;
                if (new BackstageDocumentParser(path, document, yaml.RootNode).Parse() is { } outcome)
                {
                    outcomes.Add((document, outcome));
                }
            }, limits);
            if (syntaxError is not null)
            {
                broken.Add(path);
                problems.Add(new ImportProblem(
                    path,
                    syntaxError.Document,
                    null,
                    syntaxError.IsLimit
                        ? $"beyond Portal's YAML limits at line {syntaxError.Line}, column {syntaxError.Column}: {syntaxError.Message}. Nothing in this file was imported."
                        : $"not valid YAML at line {syntaxError.Line}, column {syntaxError.Column}: {syntaxError.Message} Nothing in this file was imported.",
                    ProblemSeverity.Error));
                continue;
            }

            filesRead.Add(path);
            foreach (var (index, outcome) in outcomes)
            {
                foreach (var notice in outcome.Notices)
                {
                    problems.Add(new ImportProblem(path, index, outcome.EntityRef, notice, ProblemSeverity.Notice));
                }

                var errors = outcome.Errors;
                var parsed = outcome.Entity;
                if (outcome.MissingOwner)
                {
                    // Filled from the source where it has a default (a repository's CODEOWNERS team), required otherwise.
                    var fallback = options.DefaultOwner?.Invoke(path);
                    if (fallback is null && options.AllowMissingOwner)
                    {
                        // Read as it is: the record gets no owning team.
                    }
                    else if (fallback is null)
                    {
                        errors = [.. errors, "spec.owner is required"];
                        parsed = null;
                    }
                    else
                    {
                        parsed = parsed is null ? null : parsed with { Owner = fallback };
                    }
                }

                if (errors.Count > 0)
                {
                    problems.Add(new ImportProblem(path, index, outcome.EntityRef, string.Join("; ", errors), ProblemSeverity.Error));
                    if (outcome.Kind is not null and not BackstageKinds.Location)
                    {
                        rejected.Add(new RejectedEntity(outcome.Kind, outcome.Key));
                    }

                    continue;
                }

                if (outcome.IsLocation)
                {
                    FollowTargets(path, index, outcome, known, loaded, queue, loadFile, canLoadOthers, missing, problems, broken, limits);
                    continue;
                }

                if (parsed is not { } entity)
                {
                    continue;
                }

                if (seen.TryGetValue(entity.Key, out var first))
                {
                    problems.Add(new ImportProblem(
                        path,
                        index,
                        outcome.EntityRef,
                        $"{entity.Key} is already defined in {first.File} document {first.Document}",
                        ProblemSeverity.Error));
                    rejected.Add(new RejectedEntity(outcome.Kind!, null));
                    continue;
                }

                seen.Add(entity.Key, entity);
                entities.Add(entity);
            }
        }

        return new CatalogReadResult(entities, rejected, problems, filesRead, broken);
    }

    private static void FollowTargets(
        string path,
        int document,
        DocumentOutcome location,
        HashSet<string> known,
        Dictionary<string, string> loaded,
        Queue<string> queue,
        Func<string, string?> loadFile,
        bool canLoadOthers,
        HashSet<string> missing,
        List<ImportProblem> problems,
        List<string> broken,
        YamlLimits limits)
    {
        foreach (var raw in location.LocationTargets)
        {
            var target = raw.Trim();
            if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                problems.Add(new ImportProblem(path, document, location.EntityRef, $"target '{target}' is a URL; Portal does not fetch URLs, so it was skipped", ProblemSeverity.Notice));
                continue;
            }

            if (target.Contains("://", StringComparison.Ordinal) || CatalogPaths.IsRooted(target))
            {
                problems.Add(new ImportProblem(path, document, location.EntityRef, $"target '{target}' is not a path relative to this file; skipped", ProblemSeverity.Notice));
                continue;
            }

            if (target.IndexOfAny(['*', '?', '[', '{']) >= 0)
            {
                problems.Add(new ImportProblem(path, document, location.EntityRef, $"target '{target}' is a pattern; Portal follows plain file paths only, so it was skipped", ProblemSeverity.Notice));
                continue;
            }

            var resolved = CatalogPaths.Combine(CatalogPaths.DirectoryOf(path), target);
            if (resolved == ".." || resolved.StartsWith("../", StringComparison.Ordinal))
            {
                // Never read a file outside what was imported (a folder someone sent could point at ~/.ssh).
                problems.Add(new ImportProblem(path, document, location.EntityRef, $"target '{target}' is outside the imported files (it climbs above their root with '..'); skipped", ProblemSeverity.Notice));
                continue;
            }

            if (known.Contains(resolved))
            {
                continue;
            }

            string? content;
            try
            {
                content = missing.Contains(resolved) ? null : loadFile(resolved);
            }
            catch (CatalogFileTooLargeException e)
            {
                known.Add(resolved);
                broken.Add(resolved);
                problems.Add(TooLarge(resolved, e.Bytes, limits));
                continue;
            }

            if (content is null)
            {
                missing.Add(resolved);
                problems.Add(new ImportProblem(
                    path,
                    document,
                    location.EntityRef,
                    canLoadOthers ? $"target '{target}' ({resolved}) does not exist" : $"target '{target}' ({resolved}) is not among the files given",
                    ProblemSeverity.Error));
                continue;
            }

            known.Add(resolved);
            loaded.Add(resolved, content);
            queue.Enqueue(resolved);
        }
    }

    /// <summary>UTF-8 size of <paramref name="content"/> when it is over the limit (counted only when it may be).</summary>
    private static bool IsTooLarge(string content, YamlLimits limits, out long bytes)
    {
        bytes = content.Length;
        if (content.Length * 3L <= limits.MaxFileBytes)
        {
            return false;
        }

        bytes = Encoding.UTF8.GetByteCount(content);
        return bytes > limits.MaxFileBytes;
    }

    private static ImportProblem TooLarge(string path, long bytes, YamlLimits limits) => new(
        path,
        0,
        null,
        string.Create(
            CultureInfo.InvariantCulture,
            $"the file is {bytes:N0} bytes, beyond Portal's limit of {limits.MaxFileBytes:N0} bytes for one catalog file; nothing in it was imported."),
        ProblemSeverity.Error);
}

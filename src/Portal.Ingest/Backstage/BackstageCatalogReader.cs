namespace Portal.Ingest.Backstage;

/// <summary>
/// Reads Backstage catalog files into validated entities and a list of problems, without a database.
/// Multi-document files are split on <c>---</c>; Location entities are followed to the files they name
/// (relative to the Location's own file; URLs are reported and skipped, never fetched); every file is
/// read once however many Locations name it. One bad document never stops the others.
/// </summary>
public static class BackstageCatalogReader
{
    /// <summary>
    /// Reads <paramref name="files"/> (paths relative to the import root) and whatever their Locations
    /// name. <paramref name="loadFile"/> returns the content of a root-relative path not among
    /// <paramref name="files"/>, or null when it does not exist; without it such targets are reported missing.
    /// </summary>
    public static CatalogReadResult Read(IReadOnlyList<CatalogFile> files, Func<string, string?>? loadFile = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var file in files)
        {
            var path = CatalogPaths.Normalize(file.Path);
            if (contents.TryAdd(path, file.Content))
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

        while (queue.TryDequeue(out var path))
        {
            var (documents, syntaxError) = BackstageYaml.Load(contents[path]);
            if (syntaxError is not null)
            {
                broken.Add(path);
                problems.Add(new ImportProblem(
                    path,
                    syntaxError.Document,
                    null,
                    $"not valid YAML at line {syntaxError.Line}, column {syntaxError.Column}: {syntaxError.Message} Nothing in this file was imported.",
                    ProblemSeverity.Error));
                continue;
            }

            filesRead.Add(path);
            for (var i = 0; i < documents.Count; i++)
            {
                var document = i + 1;
                var outcome = new BackstageDocumentParser(path, document, documents[i].RootNode).Parse();
                if (outcome is null)
                {
                    continue;
                }

                foreach (var notice in outcome.Notices)
                {
                    problems.Add(new ImportProblem(path, document, outcome.EntityRef, notice, ProblemSeverity.Notice));
                }

                if (outcome.Errors.Count > 0)
                {
                    problems.Add(new ImportProblem(path, document, outcome.EntityRef, string.Join("; ", outcome.Errors), ProblemSeverity.Error));
                    if (outcome.Kind is not null and not BackstageKinds.Location)
                    {
                        rejected.Add(new RejectedEntity(outcome.Kind, outcome.Key));
                    }

                    continue;
                }

                if (outcome.IsLocation)
                {
                    FollowTargets(path, document, outcome, contents, queue, loadFile, missing, problems);
                    continue;
                }

                if (outcome.Entity is not { } entity)
                {
                    continue;
                }

                if (seen.TryGetValue(entity.Key, out var first))
                {
                    problems.Add(new ImportProblem(
                        path,
                        document,
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
        Dictionary<string, string> contents,
        Queue<string> queue,
        Func<string, string?>? loadFile,
        HashSet<string> missing,
        List<ImportProblem> problems)
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
            if (contents.ContainsKey(resolved))
            {
                continue;
            }

            var content = missing.Contains(resolved) ? null : loadFile?.Invoke(resolved);
            if (content is null)
            {
                missing.Add(resolved);
                problems.Add(new ImportProblem(
                    path,
                    document,
                    location.EntityRef,
                    loadFile is null ? $"target '{target}' ({resolved}) is not among the files given" : $"target '{target}' ({resolved}) does not exist",
                    ProblemSeverity.Error));
                continue;
            }

            contents.Add(resolved, content);
            queue.Enqueue(resolved);
        }
    }
}

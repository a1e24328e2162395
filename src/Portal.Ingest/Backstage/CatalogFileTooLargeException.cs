namespace Portal.Ingest.Backstage;

/// <summary>
/// Thrown by a file loader handed to <see cref="BackstageCatalogReader"/> when a file is larger than
/// <see cref="YamlLimits.MaxFileBytes"/>, so it is refused before its text is read; the reader reports it.
/// </summary>
internal sealed class CatalogFileTooLargeException(long bytes) : Exception("The catalog file is larger than Portal reads.")
{
    public long Bytes { get; } = bytes;
}

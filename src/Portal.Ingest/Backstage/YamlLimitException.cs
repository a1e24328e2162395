using YamlDotNet.Core;

namespace Portal.Ingest.Backstage;

/// <summary>A file broke one of the <see cref="YamlLimits"/>; <see cref="Exception.Message"/> says which, in words.</summary>
internal sealed class YamlLimitException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}

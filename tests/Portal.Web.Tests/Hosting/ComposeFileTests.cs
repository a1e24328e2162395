using YamlDotNet.RepresentationModel;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// docker/compose.yaml is safe by default (no Docker engine runs here, so the file itself is read): no database
/// password unless one is given, the port on loopback unless configured, and Local sign-in refused off loopback
/// unless explicitly allowed.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Load();

    private static YamlMappingNode Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(dir.FullName, "docker", "compose.yaml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value ?? string.Empty;

    private static YamlMappingNode Environment => Map(Compose, "x-portal-environment");

    [Fact]
    public void DatabasePassword_HasNoDefault_AndFailsWithAMessage()
    {
        var postgres = Map(Map(Compose, "services"), "postgres");

        foreach (var value in new[] { Scalar(Map(postgres, "environment"), "POSTGRES_PASSWORD"), Scalar(Environment, "ConnectionStrings__Portal") })
        {
            Assert.Contains("${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD", value, StringComparison.Ordinal);
            Assert.DoesNotContain("POSTGRES_PASSWORD:-", value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PortalPort_IsPublishedOnLoopbackUnlessConfigured_AndTheAppIsToldTheSameAddress()
    {
        var ports = (YamlSequenceNode)Map(Map(Compose, "services"), "portal").Children[new YamlScalarNode("ports")];

        var port = Assert.Single(ports.Children.Cast<YamlScalarNode>()).Value;

        Assert.StartsWith("${PORTAL_ADDRESS:-127.0.0.1}:", port, StringComparison.Ordinal);
        Assert.Equal("${PORTAL_ADDRESS:-127.0.0.1}", Scalar(Environment, "Edge__PublishedAddress"));
    }

    [Fact]
    public void LocalSignInOnTheNetwork_IsOffUnlessExplicitlyAllowed() =>
        Assert.Equal("${PORTAL_ALLOW_LOCAL_MODE_ON_NETWORK:-false}", Scalar(Environment, "Auth__AllowLocalModeOnNetwork"));

    [Fact]
    public void Healthcheck_AsksTheAnonymousHealthEndpointFor200()
    {
        var test = (YamlSequenceNode)Map(Map(Map(Compose, "services"), "portal"), "healthcheck").Children[new YamlScalarNode("test")];

        Assert.Contains(test.Children.Cast<YamlScalarNode>(), s => s.Value!.Contains("GET /healthz HTTP/1.1", StringComparison.Ordinal) && s.Value.Contains("' 200 '", StringComparison.Ordinal));
    }
}

using System.Text;
using System.Text.Json;
using ConnectLocal.CodeGen;

// Reads the pinned service model and writes src/ConnectLocal.Model/Generated/*.g.cs.
// Usage: dotnet run --project tools/ConnectLocal.CodeGen [-- --model PATH --out DIR]
// Documentation strings are never read, so none can reach the generated code.
var root = FindRepositoryRoot();
var modelPath = Path.Combine(root, "model", "connect-2017-08-08.json");
var outputDir = Path.Combine(root, "src", "ConnectLocal.Model", "Generated");
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--model":
            modelPath = Path.GetFullPath(args[++i]);
            break;
        case "--out":
            outputDir = Path.GetFullPath(args[++i]);
            break;
        default:
            break;
    }
}

using var document = JsonDocument.Parse(File.ReadAllBytes(modelPath));

// Operations newer than the pinned model, each overlay a botocore-style file (operations + shapes) in overlays/
// beside the model (model/overlays/README.md says where each came from), merged in name order.
var overlayDir = Path.Combine(Path.GetDirectoryName(modelPath)!, "overlays");
var overlays = Directory.Exists(overlayDir)
    ? Directory.GetFiles(overlayDir, "*.json").Order(StringComparer.Ordinal).Select(f => JsonDocument.Parse(File.ReadAllBytes(f))).ToList()
    : [];
var model = ServiceModel.Read(document.RootElement, overlays.Select(o => o.RootElement).ToArray());

// The paginators file stands beside the model (connect-2017-08-08.paginators.json): token members, page-size
// member and result keys of every paged operation.
var paginatorsPath = Path.Combine(Path.GetDirectoryName(modelPath)!, Path.GetFileNameWithoutExtension(modelPath) + ".paginators.json");
using var paginators = JsonDocument.Parse(File.ReadAllBytes(paginatorsPath));
Directory.CreateDirectory(outputDir);
foreach (var stale in Directory.GetFiles(outputDir, "*.g.cs"))
{
    File.Delete(stale);
}

var files = new Dictionary<string, string>
{
    ["Shapes.g.cs"] = ShapeWriter.Write(model),
    ["Enums.g.cs"] = EnumWriter.Write(model),
    ["ShapeTable.g.cs"] = ShapeTableWriter.Write(model),
    ["OperationTable.g.cs"] = OperationTableWriter.Write(model),
    ["ConnectJsonContext.g.cs"] = JsonContextWriter.Write(model),
    ["ConnectApiBase.g.cs"] = ApiBaseWriter.Write(model),
    ["Paginators.g.cs"] = PaginatorWriter.Write(paginators.RootElement),
};
foreach (var (name, text) in files)
{
    File.WriteAllText(Path.Combine(outputDir, name), text, new UTF8Encoding(false));
}

Console.WriteLine($"Generated {files.Count} files for {model.Operations.Count} operations and {model.Shapes.Count} shapes into {outputDir}");
return 0;

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnectLocal.slnx")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

import NetCostCore

/// A front end for models another framework wrote: Caffe (`CaffeImporter`), Keras
/// (`KerasImporter`) and ONNX (`OnnxImporter`), the one way the pipeline reads them all. An
/// importer reads its input whole into an `ImportedModel`, or reports the first problem it finds,
/// located in the file; `skipping` names the layer types or operators to count as nothing
/// (`--skip`). Every importer adds its layers through `NetworkBuilder`.
package protocol Importer {
  /// What it reads: a file's text, or a model's bytes.
  associatedtype Input
  /// The format it reads.
  static var format: ModelFormat { get }
  static func importModel(
    _ input: Input, skipping: Set<String>
  ) -> Result<ImportedModel, Diagnostic>
}

#!/usr/bin/env python3
"""A Qwen3-Reranker-shaped GGUF from a Qwen3-Embedding-shaped one (devkit/make_model.py):
the same network (Qwen3-Reranker-0.6B is Qwen3-Embedding-0.6B's shape), pooling RANK,
a two-row classifier head (yes/no, as llama.cpp's converter writes a Qwen3-Reranker) and the
rerank prompt template. Random weights: its scores mean nothing, its latency is the real one.

  python3 make-reranker.py <in-embedding.gguf> <out-reranker.gguf>
Needs gguf-py (llama.cpp's, on PYTHONPATH as devkit/env.sh sets it).
"""
import sys

import numpy as np
import gguf

TEMPLATE = (
    '<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the Instruct '
    'provided. Note that the answer can only be "yes" or "no".<|im_end|>\n<|im_start|>user\n'
    '<Instruct>: Given a web search query, retrieve relevant passages that answer the query\n'
    '<Query>: {query}\n<Document>: {document}<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n'
)


def main(src, dst):
    r = gguf.GGUFReader(src)
    arch = r.fields["general.architecture"].contents()
    w = gguf.GGUFWriter(dst, arch)
    skip = {"general.architecture", "GGUF.version", "GGUF.tensor_count", "GGUF.kv_count", "general.name",
            f"{arch}.pooling_type"}
    for name, field in r.fields.items():
        if name in skip:
            continue
        vtype = field.types[0]
        if vtype == gguf.GGUFValueType.ARRAY:
            w.add_key_value(name, field.contents(), vtype, sub_type=field.types[-1])
        else:
            w.add_key_value(name, field.contents(), vtype)
    w.add_name("Qwen3-Reranker-shaped (random, from %s)" % src.split("/")[-1])
    w.add_uint32(f"{arch}.pooling_type", 4)  # RANK
    w.add_array(f"{arch}.classifier.output_labels", ["yes", "no"])
    w.add_string("tokenizer.chat_template.rerank", TEMPLATE)
    hidden = int(r.fields[f"{arch}.embedding_length"].contents())
    for t in r.tensors:
        if t.name == "output.weight":
            continue
        # the reader's numpy shape is the reverse of GGUF's; raw_shape keeps quantized blocks whole
        w.add_tensor(t.name, t.data, raw_shape=list(reversed([int(x) for x in t.shape])) if t.tensor_type not in (
            gguf.GGMLQuantizationType.F32, gguf.GGMLQuantizationType.F16) else None, raw_dtype=t.tensor_type)
    head = (np.sin(np.arange(hidden * 2, dtype=np.float32) * 12.9898) * 0.05).reshape(2, hidden)
    w.add_tensor("cls.output.weight", head)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {dst}: pooling RANK, head [{hidden}, 2]")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

import RLTensor

import BookRuntime
print("rlbook")

# Small data-structure classes built on lists.
class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.pop()

    def peek(self):
        return self.items[-1]

    def is_empty(self):
        return len(self.items) == 0

def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = Stack()
    for ch in text:
        if ch in "([{":
            stack.push(ch)
        elif ch in pairs:
            if stack.is_empty() or stack.pop() != pairs[ch]:
                return False
    return stack.is_empty()

for t in ["(a[b]{c})", "((", "([)]", "", "x{y}(z)[]"]:
    print(repr(t), balanced(t))

class Queue:
    def __init__(self):
        self.inbox = []
        self.outbox = []

    def put(self, item):
        self.inbox.append(item)

    def get(self):
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())
        return self.outbox.pop()

    def size(self):
        return len(self.inbox) + len(self.outbox)

q = Queue()
for i in range(4):
    q.put(i)
print(q.get(), q.get(), q.size())
q.put(99)
print(q.get(), q.get(), q.get(), q.size())
